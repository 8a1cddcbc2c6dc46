/** Bolt's reply functions as the SlackReplies the domain talks to. */
import type { RespondFn } from "@slack/bolt"
import { Effect } from "effect"
import type { SlackReplies } from "../Progress.ts"

/** The two chat methods of Bolt's WebClient the bot uses (a structural subset, so tests can fake it). */
export interface ChatClient {
  readonly chat: {
    postMessage(args: { channel: string; text: string; blocks: Array<unknown> }): Promise<{ ts?: string | undefined }>
    update(args: { channel: string; ts: string; text: string; blocks: Array<unknown> }): Promise<unknown>
  }
}

export const slackReplies = (respond: RespondFn, client: ChatClient): SlackReplies => ({
  respond: (message) => respond({ ...message, blocks: message.blocks }),
  postMessage: ({ channel, text, blocks }) => client.chat.postMessage({ channel, text, blocks }),
  update: ({ channel, ts, text, blocks }) => client.chat.update({ channel, ts, text, blocks })
})

/** One response_url post whose failure is logged, not thrown. */
export const sendResponse = (respond: RespondFn, message: Parameters<SlackReplies["respond"]>[0]) =>
  Effect.tryPromise(() => respond(message)).pipe(
    Effect.asVoid,
    Effect.catch((error) => Effect.logWarning(`response_url post failed: ${String(error.cause)}`))
  )
