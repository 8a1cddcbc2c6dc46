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

/**
 * One post to the response_url. Bolt hands back the fetch response unread; reading Slack's short
 * answer frees the connection for the next post instead of leaving it held until garbage collection.
 * The status already said the post was taken, so a body that breaks off does not fail it.
 */
const post = async (respond: RespondFn, message: Parameters<RespondFn>[0]): Promise<void> => {
  const response = await respond(message)
  await response.arrayBuffer().catch(() => undefined)
}

export const slackReplies = (respond: RespondFn, client: ChatClient): SlackReplies => ({
  respond: (message) => post(respond, { ...message, blocks: message.blocks }),
  postMessage: ({ channel, text, blocks }) => client.chat.postMessage({ channel, text, blocks }),
  update: ({ channel, ts, text, blocks }) => client.chat.update({ channel, ts, text, blocks })
})

/** One response_url post whose failure is logged, not thrown. */
export const sendResponse = (respond: RespondFn, message: Parameters<SlackReplies["respond"]>[0]) =>
  Effect.tryPromise(() => post(respond, message)).pipe(
    Effect.catch((error) => Effect.logWarning(`response_url post failed: ${String(error.cause)}`))
  )
