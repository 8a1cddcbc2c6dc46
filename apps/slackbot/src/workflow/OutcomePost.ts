/**
 * The outcome's post in the channel, once the cancel is audited and its offer released: each try
 * bounded in time; while Slack cannot take it, tried again later through the durable clock (so a
 * restart keeps the count), and audited as late when it finally goes, or as not posted when the
 * tries run out, never dropped in silence.
 */
import { Context, Duration, Effect } from "effect"
import { Activity, DurableClock } from "effect/workflow"
import type { SlackMessage } from "../Messages.ts"
import { type Conversation, type ConversationState, deliver, Delivery } from "../Progress.ts"

export interface OutcomeRetry {
  /** How long one try may take (Slack's answer, or the fallback through the Web API). */
  readonly tryFor: Duration.Duration
  /** The wait before the first retry; each next one waits twice as long, up to `longestWait`. */
  readonly firstWait: Duration.Duration
  readonly longestWait: Duration.Duration
  /** Retries before the bot gives up and audits the outcome as not posted (the default spans about a day). */
  readonly retries: number
}

export const OutcomeRetry = Context.Reference<OutcomeRetry>("@offerops/slackbot/OutcomeRetry", {
  defaultValue: () => ({
    tryFor: Duration.seconds(30),
    firstWait: Duration.seconds(30),
    longestWait: Duration.minutes(15),
    retries: 100
  })
})

/** How the outcome post went: on the first try, late after `retries`, or not at all. */
export type OutcomePosted =
  | { readonly _tag: "OnTime"; readonly state: ConversationState }
  | { readonly _tag: "Late"; readonly state: ConversationState; readonly retries: number }
  | { readonly _tag: "NotPosted"; readonly state: ConversationState; readonly retries: number }

const wait = (retry: OutcomeRetry, n: number) =>
  Duration.min(Duration.times(retry.firstWait, 2 ** Math.min(n, 20)), retry.longestWait)

/** Posts the outcome (in a workflow), retrying as OutcomeRetry says. */
export const postOutcome = Effect.fn("postOutcome")(function*(
  conversation: Conversation,
  start: ConversationState,
  message: SlackMessage
) {
  const retry = yield* OutcomeRetry
  let state = start
  const attempt = (name: string) =>
    Activity.make({
      name,
      success: Delivery,
      execute: Effect.suspend(() => deliver(conversation, state, message)).pipe(
        Effect.timeoutOption(retry.tryFor),
        // A try cut off may have used a response_url post: count it.
        Effect.map((done) => done._tag === "Some" ? done.value : { state: { ...state, posts: state.posts + 1 }, delivered: false })
      )
    })
  let delivery = yield* attempt("outcome-post")
  state = delivery.state
  if (delivery.delivered) return { _tag: "OnTime", state } satisfies OutcomePosted
  for (let n = 0; n < retry.retries; n++) {
    yield* Effect.logWarning(`Slack did not take the outcome post; trying again in ${Duration.format(wait(retry, n))}`)
    yield* DurableClock.sleep({ name: `outcome-wait-${n}`, duration: wait(retry, n) })
    delivery = yield* attempt(`outcome-retry-${n}`)
    state = delivery.state
    if (delivery.delivered) return { _tag: "Late", state, retries: n + 1 } satisfies OutcomePosted
  }
  yield* Effect.logError(`Slack did not take the outcome post in ${retry.retries + 1} tries; it is in the audit trail only`)
  return { _tag: "NotPosted", state, retries: retry.retries } satisfies OutcomePosted
})
