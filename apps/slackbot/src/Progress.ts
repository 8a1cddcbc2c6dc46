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

export interface ProgressReporter {
  /** Shows an intermediate state (replaces the ephemeral message while the response_url lasts). */
  update(message: SlackMessage): Effect.Effect<void>
  /** Posts the outcome in the channel. */
  finish(message: SlackMessage): Effect.Effect<void>
  /** Answers only the person who clicked, without touching the original message. */
  tell(message: SlackMessage): Effect.Effect<void>
}

export const makeProgress = (replies: SlackReplies, channel: string, issuedAt: number): ProgressReporter => {
  let use: ResponseUrlUse = { posts: 0, issuedAt }
  let channelMessage: string | undefined

  const viaResponseUrl = (message: Parameters<SlackReplies["respond"]>[0]) => {
    use = { ...use, posts: use.posts + 1 }
    return call("response_url", () => replies.respond(message))
  }

  const viaBotToken = (message: SlackMessage) => {
    const ts = channelMessage
    return ts === undefined
      ? call("chat.postMessage", () => replies.postMessage({ ...message, channel })).pipe(
        Effect.map((posted) => void (channelMessage = posted.ts))
      )
      : call("chat.update", () => replies.update({ ...message, channel, ts }))
  }

  const logged = (effect: Effect.Effect<unknown, SlackCallFailed>) =>
    effect.pipe(
      Effect.asVoid,
      Effect.catch((error) => Effect.logWarning(`Slack ${error.call} failed: ${error.message}`))
    )

  return {
    update: (message) =>
      Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
        logged(
          responseUrlAvailable(use, now, 1)
            ? viaResponseUrl({ ...message, response_type: "ephemeral", replace_original: true })
            : viaBotToken(message)
        )
      )),
    finish: (message) =>
      Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
        logged(
          channelMessage === undefined && responseUrlAvailable(use, now, 0)
            ? viaResponseUrl({ ...message, response_type: "in_channel", replace_original: false }).pipe(
              Effect.catch(() => viaBotToken(message))
            )
            : viaBotToken(message)
        )
      )),
    tell: (message) =>
      Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
        responseUrlAvailable(use, now, 0)
          ? logged(viaResponseUrl({ ...message, response_type: "ephemeral", replace_original: false }))
          : Effect.logWarning("no response_url post left to answer the click")
      ))
  }
}
