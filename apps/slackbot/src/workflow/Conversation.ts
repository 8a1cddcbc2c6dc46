/**
 * How a durable cancel reaches Slack from any replica. Its conversation follows Progress's steps
 * (`update`, `finish`), with the state each activity returns.
 */
import { webApi } from "@slack/bolt"
import { Context, Layer, Redacted } from "effect"
import type { SlackReplies } from "../Progress.ts"

/** How the bot reaches Slack from any replica: a click's response_url, and the Web API with the bot token. */
export class SlackChat extends Context.Service<SlackChat, {
  replies(responseUrl: string): SlackReplies
}>()("@offerops/slackbot/SlackChat") {
  static readonly layer = (options: {
    readonly botToken: Redacted.Redacted<string>
    readonly apiUrl: string | undefined
  }): Layer.Layer<SlackChat> =>
    Layer.sync(SlackChat, () => {
      const client = new webApi.WebClient(Redacted.value(options.botToken), {
        ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
        logLevel: webApi.LogLevel.ERROR,
        // The workflow retries what Slack does not take (OutcomePost), later and durably: the
        // client's own retries (about 30 minutes by default) would only hold the cancel up.
        retryConfig: { retries: 0 },
        timeout: 10_000
      })
      return SlackChat.of({
        replies: (responseUrl) => ({
          respond: async (message) => {
            const response = await fetch(responseUrl, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(message),
              signal: AbortSignal.timeout(10_000)
            })
            await response.arrayBuffer().catch(() => undefined)
            if (!response.ok) throw new Error(`response_url answered ${response.status}`)
          },
          postMessage: ({ channel, text, blocks }) => client.chat.postMessage({ channel, text, blocks }),
          update: ({ channel, ts, text, blocks }) => client.chat.update({ channel, ts, text, blocks })
        })
      })
    })
}
