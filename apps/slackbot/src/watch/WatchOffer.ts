/**
 * One read of one watched offer, and what its channels are told: a start not yet posted there is
 * claimed in the database and then posted (with a `Cancel…` button); a message whose step or state
 * changed is edited (within the edit budget); a step that has sat longer than the reminder threshold
 * gets one reply in the thread; an operation that no longer runs is read once more and its message
 * says how it ended. The only calls into the core are its "what runs" read (`readWhatRuns`) and one
 * read of an operation at the location that read gave (`pollOperation`), so nothing here depends on
 * which API the offer lives behind.
 *
 * Crash window: a start is claimed before it is posted, so a bot that dies between the two has
 * posted nothing and never will (at most once); Slack refusing the post gives the claim back.
 */
import {
  CppClient,
  isTerminal,
  type Operation,
  parseReference,
  type RunningOperation
} from "@offerops/core"
import { Clock, Duration, Effect, Option } from "effect"
import { progressKey } from "../Progress.ts"
import { readWhatRuns } from "../WhatRuns.ts"
import { AuditLog } from "../store/AuditLog.ts"
import { type Subscription, Subscriptions } from "../store/Subscriptions.ts"
import { type PostKey, type WatchPost, WatchPosts } from "../store/WatchPosts.ts"
import { ChannelSlack, type SlackFailure } from "./ChannelSlack.ts"
import type { MinuteBudget } from "./MinuteBudget.ts"
import * as WatchMessages from "./WatchMessages.ts"
import type { WatchSettings } from "./WatchSettings.ts"
import type { Translator } from "../i18n/Translator.ts"

export interface WatchContext {
  readonly settings: WatchSettings
  readonly edits: MinuteBudget
  /** The team's language: everyone in the channel reads these. */
  readonly team: Translator
}

const fromRunning = (offer: string, running: RunningOperation): WatchMessages.WatchedOperation & { readonly location: string } => ({
  offer,
  location: running.location,
  id: running.submission.id,
  type: running.operation?.submissionType ?? running.submission.submissionType,
  target: running.submission.slot,
  started: running.operation?.createdDateTime ?? running.submission.changedTime,
  operation: running.operation,
  status: running.operation ?? { status: running.submission.submissionState, state: running.submission.state }
})

const fromOperation = (post: WatchPost, operation: Operation): WatchMessages.WatchedOperation => ({
  offer: post.offer,
  id: post.operationId,
  type: operation.submissionType,
  target: post.target,
  started: operation.createdDateTime,
  operation,
  status: operation
})

/** The step being worked on, as a key: a reminder is per step, and `since` restarts when it changes. */
const stepKey = (seen: WatchMessages.WatchedOperation): string => {
  const step = seen.operation?.currentStep
  return step === undefined ? "" : `${step.id ?? step.stepName ?? ""}`
}

const shownKey = (seen: WatchMessages.WatchedOperation): string =>
  seen.operation === undefined ? `${seen.status.state}||` : progressKey(seen.operation)

const keyOf = (channel: string, seen: { readonly offer: string; readonly id: string }): PostKey => ({
  channel,
  offer: seen.offer,
  operationId: seen.id
})

const audit = (where: string, offer: string, result: string, operationId?: string) =>
  AuditLog.use((log) => log.record({ event: "watch", who: WatchMessages.watcherName, where, offer, operationId, result }))

/**
 * The bot can no longer post in the channel (removed, archived, deleted): all its subscriptions end,
 * each with an audit row. Other failures are logged; the next read tries again.
 */
export const onSlackFailure = (failure: SlackFailure, what: string) =>
  failure._tag === "ChannelGone"
    ? Effect.gen(function*() {
      const ended = yield* Subscriptions.use((subscriptions) => subscriptions.endChannel(failure.channel))
      for (const subscription of ended) yield* audit(failure.channel, subscription.offer, `channel-gone:${failure.error}`)
    })
    : Effect.logWarning(`watch: Slack ${what} failed: ${failure._tag === "SlackRefused" ? failure.error : failure.message}`)

const postStart = Effect.fn("watch.postStart")(function*(
  context: WatchContext,
  subscription: Subscription,
  seen: WatchMessages.WatchedOperation & { readonly location: string }
) {
  const key = keyOf(subscription.channel, seen)
  const claimed = yield* WatchPosts.use((posts) => posts.claim(key, { location: seen.location, target: seen.target }))
  if (!claimed) return
  const slack = yield* ChannelSlack
  const posted = yield* Effect.result(slack.post(subscription.channel, WatchMessages.watchedOperation(context.team, seen, subscription.addedBy)))
  const now = yield* Clock.currentTimeMillis
  if (posted._tag === "Success") {
    yield* WatchPosts.use((posts) => posts.posted(key, posted.success).pipe(Effect.andThen(posts.seen(key, stepKey(seen), now, shownKey(seen)))))
    return yield* audit(subscription.channel, seen.offer, "start-posted", seen.id)
  }
  const failure = posted.failure
  // Refused: nothing was posted, so the next read may post it. Unanswered: it may have been, so never again.
  if (failure._tag === "SlackRefused") yield* WatchPosts.use((posts) => posts.unclaim(key))
  else if (failure._tag === "SlackUnanswered") {
    yield* WatchPosts.use((posts) => posts.seen(key, stepKey(seen), now, shownKey(seen)))
    yield* audit(subscription.channel, seen.offer, "start-unconfirmed", seen.id)
  }
  yield* onSlackFailure(failure, "post")
})

const follow = Effect.fn("watch.follow")(function*(
  context: WatchContext,
  subscription: Subscription,
  post: WatchPost,
  seen: WatchMessages.WatchedOperation
) {
  const key = keyOf(subscription.channel, seen)
  const slack = yield* ChannelSlack
  const now = yield* Clock.currentTimeMillis
  const step = stepKey(seen)
  const shown = shownKey(seen)
  let edited: string | undefined
  if (shown !== post.shown && post.ts !== undefined && (yield* context.edits.tryTake)) {
    const result = yield* Effect.result(slack.update(subscription.channel, post.ts, WatchMessages.watchedOperation(context.team, seen, subscription.addedBy)))
    if (result._tag === "Failure") return yield* onSlackFailure(result.failure, "edit")
    edited = shown
  }
  yield* WatchPosts.use((posts) => posts.seen(key, step, now, edited))
  // The step and since when, as recorded before this read: a step seen for the first time now is not overdue.
  const current = seen.operation?.currentStep
  const overdue = current !== undefined && step !== "" && post.step === step && post.stepSince !== undefined &&
    now - post.stepSince >= Duration.toMillis(context.settings.remindAfter) && !["complete", "notStarted"].includes(current.state)
  if (!overdue || post.ts === undefined) return
  if (!(yield* WatchPosts.use((posts) => posts.claimReminder(key, step)))) return
  const hours = Math.floor(Duration.toHours(context.settings.remindAfter))
  const reminded = yield* Effect.result(slack.post(subscription.channel, WatchMessages.reminder(context.team, seen, current, hours), post.ts))
  if (reminded._tag === "Failure") return yield* onSlackFailure(reminded.failure, "reminder")
  yield* audit(subscription.channel, seen.offer, `reminded:${step}`, seen.id)
})

const endOf = (offer: string, operation: Operation | undefined) =>
  Effect.gen(function*() {
    switch (operation?.state) {
      case "completed":
        return { _tag: "Completed" } as const
      case "failed":
        return { _tag: "Failed" } as const
      case "canceled": {
        const by = yield* AuditLog.use((log) => log.confirmedBy(offer, operation.id ?? ""))
        return { _tag: "Canceled", by } as const
      }
      default:
        return { _tag: "Unknown" } as const
    }
  })

const postEnd = Effect.fn("watch.postEnd")(function*(
  context: WatchContext,
  subscription: Subscription,
  post: WatchPost,
  seen: WatchMessages.WatchedOperation,
  end: WatchMessages.WatchEnd
) {
  if (!(yield* WatchPosts.use((posts) => posts.claimEnd(post)))) return
  const at = yield* Clock.currentTimeMillis
  const message = WatchMessages.watchedOperation(context.team, seen, subscription.addedBy, { end, at })
  const slack = yield* ChannelSlack
  // Without the start's ts (its post was cut off) the end is a message of its own.
  const sent = yield* Effect.result(post.ts === undefined ? slack.post(post.channel, message) : slack.update(post.channel, post.ts, message))
  if (sent._tag === "Failure") return yield* onSlackFailure(sent.failure, "end")
  yield* audit(post.channel, post.offer, `end:${end._tag.toLowerCase()}${end._tag === "Canceled" && end.by !== undefined ? `-by:${end.by}` : ""}`, post.operationId)
})

/**
 * Reads the offer once and tells its watching channels. Fails with the core's HttpFailure when the
 * offer itself cannot be read (the caller pauses on 403/404, waits on Retry-After).
 */
export const watchOffer = Effect.fn("watchOffer")(function*(context: WatchContext, offer: string, subscriptions: ReadonlyArray<Subscription>) {
  // Any reference the core accepts (#18): CPP's read, or the core's "what runs" on the other APIs.
  const running = Option.map(yield* readWhatRuns(yield* parseReference(offer)), (found) => fromRunning(offer, found))
  const open = yield* WatchPosts.use((posts) => posts.open(offer))
  if (Option.isSome(running)) {
    const seen = running.value
    for (const subscription of subscriptions) {
      const post = open.find((p) => p.channel === subscription.channel && p.operationId === seen.id)
      yield* post === undefined ? postStart(context, subscription, seen) : follow(context, subscription, post, seen)
    }
  }
  // Operations shown that are not the running one any more: read each once to tell how it ended.
  const runningId = Option.getOrUndefined(running)?.id
  const ended = [...new Set(open.filter((post) => post.operationId !== runningId).map((post) => post.operationId))]
  for (const operationId of ended) {
    // Read where the running read said it lives: the same call follows an operation of any API.
    const location = open.find((post) => post.operationId === operationId)?.location ?? ""
    // A Product Ingestion submission (`pia:`) has no location of its own (its job has): gone from what
    // runs, it ended, and the service does not say how.
    const operation = location === "" ? undefined : yield* CppClient.use((client) =>
      client.resolveLocation(location).pipe(Effect.flatMap(client.pollOperation))
    ).pipe(
      Effect.map((read): Operation | undefined => read.operation),
      Effect.catchTag("NotFound", () => Effect.succeed(undefined))
    )
    const stillRunning = operation !== undefined && !isTerminal(operation.state)
    const end = stillRunning ? undefined : yield* endOf(offer, operation)
    for (const post of open.filter((p) => p.operationId === operationId)) {
      const subscription = subscriptions.find((s) => s.channel === post.channel)
      if (subscription === undefined) continue
      const seen = operation === undefined
        ? { offer, id: operationId, type: undefined, target: post.target, started: undefined, operation: undefined, status: { status: "unknown", state: "unknown" as const } }
        : fromOperation(post, operation)
      yield* end === undefined ? follow(context, subscription, post, seen) : postEnd(context, subscription, post, seen, end)
    }
  }
})
