/**
 * The watcher's Slack: whether the bot can post in a channel (`conversations.info`), and the start
 * message, its edits and its thread replies with the bot token. Slack's answers are sorted into what
 * the watcher must act on: the channel is gone for the bot (it was removed, the channel archived or
 * deleted), Slack refused this post (nothing was posted), or no answer came (it may have been posted).
 */
import { webApi } from "@slack/bolt"
import { Context, Effect, Layer, Redacted, Schema } from "effect"
import type { SlackMessage } from "../Messages.ts"

/** The bot cannot post in the channel any more: its subscriptions end. */
export class ChannelGone extends Schema.TaggedError<ChannelGone>()("ChannelGone", {
  channel: Schema.String,
  error: Schema.String
}) {}

/** Slack answered with an error: nothing was posted. */
export class SlackRefused extends Schema.TaggedError<SlackRefused>()("SlackRefused", {
  error: Schema.String
}) {}

/** No answer from Slack (network, timeout, 5xx): the post may or may not have been made. */
export class SlackUnanswered extends Schema.TaggedError<SlackUnanswered>()("SlackUnanswered", {
  message: Schema.String
}) {}

export type SlackFailure = ChannelGone | SlackRefused | SlackUnanswered

/** Whether `watch` may subscribe a channel, as `conversations.info` shows it to the bot. */
export type ChannelAccess = "ok" | "archived" | "private" | "not-found" | "missing-scope" | "unchecked"

const goneErrors = new Set(["channel_not_found", "not_in_channel", "is_archived", "channel_is_archived"])

const failure = (channel: string, error: unknown): SlackFailure => {
  const { code, data } = (error ?? {}) as { readonly code?: unknown; readonly data?: { readonly error?: unknown } }
  if (code === "slack_webapi_platform_error" && typeof data?.error === "string") {
    return goneErrors.has(data.error) ? new ChannelGone({ channel, error: data.error }) : new SlackRefused({ error: data.error })
  }
  if (code === "slack_webapi_rate_limited_error") return new SlackRefused({ error: "ratelimited" })
  return new SlackUnanswered({ message: error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200) })
}

export class ChannelSlack extends Context.Service<ChannelSlack, {
  access(channel: string): Effect.Effect<ChannelAccess>
  /** Posts in the channel (in a thread when `threadTs` is given) and returns the message's ts. */
  post(channel: string, message: SlackMessage, threadTs?: string): Effect.Effect<string, SlackFailure>
  update(channel: string, ts: string, message: SlackMessage): Effect.Effect<void, SlackFailure>
}>()("@offerops/slackbot/ChannelSlack") {
  static readonly layer = (options: {
    readonly botToken: Redacted.Redacted<string>
    readonly apiUrl: string | undefined
  }): Layer.Layer<ChannelSlack> =>
    Layer.sync(ChannelSlack, () => {
      const client = new webApi.WebClient(Redacted.value(options.botToken), {
        ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
        logLevel: webApi.LogLevel.ERROR,
        // Bounded: the watcher polls again anyway, and a rate limit is Slack telling it to wait.
        retryConfig: { retries: 1, factor: 1, minTimeout: 500, maxTimeout: 1_000 },
        rejectRateLimitedCalls: true,
        timeout: 10_000
      })
      const call = <A>(channel: string, run: () => Promise<A>) =>
        Effect.tryPromise({ try: run, catch: (error) => failure(channel, error) })
      return ChannelSlack.of({
        access: (channel) =>
          call(channel, () => client.conversations.info({ channel })).pipe(
            Effect.map((info): ChannelAccess => {
              const about = info.channel
              if (about?.is_archived === true) return "archived"
              // Public channels take posts from the bot with chat:write.public; private ones need it invited.
              return about?.is_private === true && about.is_member !== true ? "private" : "ok"
            }),
            Effect.catch((error): Effect.Effect<ChannelAccess> =>
              Effect.succeed(
                error._tag === "ChannelGone"
                  ? "not-found"
                  : error._tag === "SlackRefused" && error.error === "missing_scope"
                  ? "missing-scope"
                  : "unchecked"
              )
            )
          ),
        post: (channel, message, threadTs) =>
          call(channel, () =>
            client.chat.postMessage({
              channel,
              text: message.text,
              blocks: message.blocks,
              ...(threadTs === undefined ? {} : { thread_ts: threadTs })
            })).pipe(
              Effect.flatMap((posted) =>
                posted.ts === undefined ? Effect.fail(new SlackUnanswered({ message: "chat.postMessage answered without a ts" })) : Effect.succeed(posted.ts)
              )
            ),
        update: (channel, ts, message) =>
          call(channel, () => client.chat.update({ channel, ts, text: message.text, blocks: message.blocks })).pipe(Effect.asVoid)
      })
    })
}
