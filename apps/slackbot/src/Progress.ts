/**
 * Tells the channel how a cancel advances. A `response_url` takes 5 posts within 30 minutes of the
 * click: up to 4 replace the requester's ephemeral message, the 5th is kept for the in-channel
 * outcome. Past either limit the bot posts one message with its token and edits it (`chat.update`).
 * Slack failures are logged and fall back; they never stop the cancel itself.
 */
import { Clock, Effect, Schema } from "effect"
import type { Operation } from "@offerops/core"
import type { SlackMessage } from "./Messages.ts"

/** The Slack calls progress needs: the action's response_url and two Web API methods. */
export interface SlackReplies {
  respond(message: SlackMessage & {
    readonly response_type?: "ephemeral" | "in_channel"
    readonly replace_original?: boolean
  }): Promise<unknown>
  postMessage(args: SlackMessage & { readonly channel: string }): Promise<{ readonly ts?: string | undefined }>
  update(args: SlackMessage & { readonly channel: string; readonly ts: string }): Promise<unknown>
}

export const responseUrlLimits = { posts: 5, windowMillis: 30 * 60_000 } as const

export interface ResponseUrlUse {
  readonly posts: number
  /** When Slack issued the response_url (the click). */
  readonly issuedAt: number
}

/** Whether the response_url may take one more post, leaving `reserve` posts unused. */
export const responseUrlAvailable = (use: ResponseUrlUse, now: number, reserve: number): boolean =>
  use.posts < responseUrlLimits.posts - reserve && now - use.issuedAt < responseUrlLimits.windowMillis

/** What makes a snapshot worth a post: state and step, not every percentage tick. */
export const progressKey = (operation: Operation): string => {
  const step = operation.currentStep
  return `${operation.state}|${step?.id ?? step?.stepName ?? ""}|${step?.state ?? ""}`
}

export class SlackCallFailed extends Schema.TaggedError<SlackCallFailed>()("SlackCallFailed", {
  call: Schema.String,
  message: Schema.String
}) {}

const call = <A>(name: string, run: () => Promise<A>) =>
  Effect.tryPromise({
    try: run,
    catch: (error) => new SlackCallFailed({ call: name, message: error instanceof Error ? error.message : String(error) })
  })

const logged = <A>(fallback: A) => (effect: Effect.Effect<A, SlackCallFailed>) =>
  effect.pipe(Effect.catch((error) => Effect.logWarning(`Slack ${error.call} failed: ${error.message}`).pipe(Effect.as(fallback))))

/**
 * Where a conversation with the channel stands, as a value: a durable cancel's activities return it,
 * so a resumed workflow continues the same conversation instead of starting a new one.
 */
export const ConversationState = Schema.Struct({
  /** response_url posts made so far. */
  posts: Schema.Number,
  /** When the click issued the response_url. */
  issuedAt: Schema.Number,
  /** The bot's own message in the channel, once it had to post one. */
  channelTs: Schema.optional(Schema.String)
})
export type ConversationState = typeof ConversationState.Type

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
    responseUrlAvailable(state, now, 1)
      ? viaResponseUrl(conversation, state, { ...message, response_type: "ephemeral", replace_original: true })
      : viaBotToken(conversation, state, message).pipe(logged(state))
  ))

/** Where the conversation stands after an outcome post, and whether the post reached the channel. */
export const Delivery = Schema.Struct({ state: ConversationState, delivered: Schema.Boolean })
export type Delivery = typeof Delivery.Type

/**
 * Posts the outcome in the channel: by response_url while it lasts, else (or when that fails) the
 * bot's own message. Says whether it got there, so the caller can try again later.
 */
export const deliver = (conversation: Conversation, state: ConversationState, message: SlackMessage): Effect.Effect<Delivery> =>
  Clock.currentTimeMillis.pipe(Effect.flatMap((now) => {
    const byToken = (from: ConversationState) =>
      viaBotToken(conversation, from, message).pipe(
        Effect.map((after): Delivery => ({ state: after, delivered: true })),
        logged<Delivery>({ state: from, delivered: false })
      )
    if (state.channelTs !== undefined || !responseUrlAvailable(state, now, 0)) return byToken(state)
    const after = { ...state, posts: state.posts + 1 }
    return call("response_url", () => conversation.replies.respond({ ...message, response_type: "in_channel", replace_original: false })).pipe(
      Effect.as<Delivery>({ state: after, delivered: true }),
      Effect.catch(() => byToken(after))
    )
  }))

/** Posts the outcome in the channel (see `deliver`); a failure is logged. */
export const finish = (conversation: Conversation, state: ConversationState, message: SlackMessage) =>
  deliver(conversation, state, message).pipe(Effect.map((delivery) => delivery.state))

/**
 * Answers only the person who clicked, without touching the original message: a response_url
 * post, if one is left.
 */
const tell = (conversation: Conversation, state: ConversationState, message: SlackMessage) =>
  Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
    responseUrlAvailable(state, now, 0)
      ? viaResponseUrl(conversation, state, { ...message, response_type: "ephemeral", replace_original: false })
      : Effect.logWarning("no response_url post left to answer the click").pipe(Effect.as(state))
  ))

export interface ProgressReporter {
  /** Shows an intermediate state (replaces the ephemeral message while the response_url lasts). */
  update(message: SlackMessage): Effect.Effect<void>
  /** Posts the outcome in the channel. */
  finish(message: SlackMessage): Effect.Effect<void>
  /** Answers only the person who clicked, without touching the original message. */
  tell(message: SlackMessage): Effect.Effect<void>
}

/** A click's conversation held in this process: the same steps, the state kept here. */
export const makeProgress = (replies: SlackReplies, channel: string, issuedAt: number): ProgressReporter => {
  const conversation: Conversation = { replies, channel }
  let state: ConversationState = { posts: 0, issuedAt }
  const step = (next: typeof update) => (message: SlackMessage) =>
    Effect.suspend(() => next(conversation, state, message)).pipe(Effect.map((after) => void (state = after)))
  return { update: step(update), finish: step(finish), tell: step(tell) }
}
