/**
 * The Slack side of a durable cancel: the same rules as Progress (response_url posts while they
 * last, then one bot message edited with chat.update), but the state — posts used, the channel
 * message's ts — is a value each activity returns, so a resumed workflow continues the same
 * conversation instead of starting a new one. Slack failures are logged, never fatal.
 */
import { webApi } from "@slack/bolt"
import { Clock, Context, Effect, Layer, Redacted, Schema } from "effect"
import type { SlackMessage } from "../Messages.ts"
import { responseUrlAvailable, SlackCallFailed, type SlackReplies } from "../Progress.ts"

export const ConversationState = Schema.Struct({
  /** response_url posts made so far. */
  posts: Schema.Number,
  /** When the click issued the response_url. */
  issuedAt: Schema.Number,
  /** The bot's own message in the channel, once it had to post one. */
  channelTs: Schema.optional(Schema.String)
})
export type ConversationState = typeof ConversationState.Type

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
        logLevel: webApi.LogLevel.ERROR
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

const call = <A>(name: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (error) => new SlackCallFailed({ call: name, message: error instanceof Error ? error.message : String(error) })
  })

const logged = <A>(fallback: A) => (effect: Effect.Effect<A, SlackCallFailed>) =>
  effect.pipe(Effect.catch((error) => Effect.logWarning(`Slack ${error.call} failed: ${error.message}`).pipe(Effect.as(fallback))))

export interface Conversation {
  readonly replies: SlackReplies
  readonly channel: string
}

// A failed post still counts: Slack may have taken it before the answer was lost.
const viaResponseUrl = (
  { replies }: Conversation,
  state: ConversationState,
  message: Parameters<SlackReplies["respond"]>[0]
) => {
  const next = { ...state, posts: state.posts + 1 }
  return call("response_url", () => replies.respond(message)).pipe(Effect.as(next), logged(next))
}

const viaBotToken = ({ replies, channel }: Conversation, state: ConversationState, message: SlackMessage) => {
  const ts = state.channelTs
  return ts === undefined
    ? call("chat.postMessage", () => replies.postMessage({ ...message, channel })).pipe(
      Effect.map((posted): ConversationState => posted.ts === undefined ? state : { ...state, channelTs: posted.ts })
    )
    : call("chat.update", () => replies.update({ ...message, channel, ts })).pipe(Effect.as(state))
}

/**
 * Shows an intermediate state, replacing the requester's message while the response_url lasts,
 * and keeps its last post for the outcome. (A post repeated because a crash cut off its activity
 * can use that last post up; Slack then refuses the outcome's post and it goes by the bot token.)
 */
export const update = (conversation: Conversation, state: ConversationState, message: SlackMessage) =>
  Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
    (responseUrlAvailable(state, now, 1)
      ? viaResponseUrl(conversation, state, { ...message, response_type: "ephemeral", replace_original: true })
      : viaBotToken(conversation, state, message).pipe(logged(state)))
  ))

/** Posts the outcome in the channel: by response_url while it lasts, else the bot's own message. */
export const finish = (conversation: Conversation, state: ConversationState, message: SlackMessage) =>
  Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
    state.channelTs === undefined && responseUrlAvailable(state, now, 0)
      ? call("response_url", () =>
        conversation.replies.respond({ ...message, response_type: "in_channel", replace_original: false })).pipe(
          Effect.as({ ...state, posts: state.posts + 1 }),
          // The outcome must reach the channel: when the response_url fails, post it with the token.
          Effect.catch(() => viaBotToken(conversation, { ...state, posts: state.posts + 1 }, message)),
          logged({ ...state, posts: state.posts + 1 })
        )
      : viaBotToken(conversation, state, message).pipe(logged(state))
  ))
