/**
 * A confirmed cancel as a durable workflow, keyed by its confirmation: cancel once (the core re-reads
 * what runs first), follow each poll, tell the channel, audit the outcome; the offer is released on
 * every end. Every step with an
 * effect outside is an activity, recorded when it completes, so a workflow cut off by a restart
 * (or a lost replica) resumes where it was: no second cancel POST, no second outcome post, the
 * same Slack message edited. Waits between polls go through the durable clock; what to read next,
 * when, and what the reads mean are the core's (`startFollowing`/`afterRead`, `decideOutcome`).
 */
import {
  afterRead,
  type CancelResult,
  canceledInstead,
  CppConfig,
  CppError,
  decideOutcome,
  type FollowPlan,
  followProgress,
  followTimeout,
  locales,
  Operation,
  operationLocation,
  Outcome,
  offerRefOf,
  outcomeWithoutFollow,
  parseReference,
  readFollowed,
  type Reference,
  referenceText,
  requestCancel,
  sendConfirmedCancel,
  startFollowing,
  whatRuns
} from "@offerops/core"
import { Duration, Effect, Exit, Option, Schema } from "effect"
import { Activity, DurableClock, Workflow } from "effect/workflow"
import * as Messages from "../Messages.ts"
import { type Conversation, ConversationState, finish, progressKey, update } from "../Progress.ts"
import { Readers } from "../Readers.ts"
import { AuditLog } from "../store/AuditLog.ts"
import { Confirmation } from "../store/Confirmations.ts"
import { CancelInFlight, OfferHolds } from "../store/OfferHolds.ts"
import { countCancellation, inFlight, spanAttributes } from "../Telemetry.ts"
import { SlackChat } from "./Conversation.ts"
import { translator } from "../i18n/Translator.ts"
import { postOutcome } from "./OutcomePost.ts"

export const CancelWorkflow = Workflow.make("CancelOffer", {
  payload: {
    confirmation: Confirmation,
    /** Who clicked Confirm, where. */
    clicker: Schema.String,
    channel: Schema.String,
    /** The click's response_url: valid for 5 posts within 30 minutes of `clickedAt`. */
    responseUrl: Schema.String,
    clickedAt: Schema.Number,
    /** The clicker's language and time zone, for the progress only they see. */
    reader: Schema.Struct({ locale: Schema.Literals(locales), timeZone: Schema.String })
  },
  idempotencyKey: (payload) => payload.confirmation.id
})

export type CancelRequest = typeof CancelWorkflow.payloadSchema.Type


/** What the cancel activity did: sent the cancel, or sent nothing because what runs changed (core's Outcome). */
const Cancelled = Schema.Union([
  Schema.TaggedStruct("Sent", {
    /** 202: the service took the cancel and may name an operation for it; else it was cancelled at once, or taken when an answer was lost. */
    accepted: Schema.Boolean,
    /** The cancel operation to follow (a 202's Location), if any. */
    location: Schema.optional(Schema.String),
    retryAfterMillis: Schema.optional(Schema.Number),
    /** #18: where the cancelled operation is read, on the reference's own API (CPP's is derived from its id). */
    followed: Schema.optional(Schema.String),
    at: Schema.Number
  }),
  Schema.TaggedStruct("NotSent", { outcome: Outcome })
])

const Poll = Schema.Struct({
  operation: Operation,
  retryAfterMillis: Schema.optional(Schema.Number),
  at: Schema.Number
})

const now = Effect.clockWith((clock) => clock.currentTimeMillis)

const decided = (outcome: Outcome): Messages.CancelEnd => ({ _tag: "Decided", outcome })

/** Enough of a confirmation id to find it in the trail, not enough to replay it. */
export const shortId = (id: string) => id.slice(0, 8)

/** The audit's word for how a cancel ended. */
const endResult = (end: Messages.CancelEnd): string => {
  switch (end._tag) {
    case "Decided":
      return Outcome.match(end.outcome, {
        Canceled: () => "canceled",
        EndedFirst: (ended) => `ended-first:${ended.operation.state}`,
        CancelFailed: () => "cancel-failed",
        NothingRunning: () => "nothing-running",
        Accepted: () => "accepted",
        OperationChanged: () => "operation-changed"
      })
    case "Failed":
      return `failed:${end.error._tag}`
  }
}

/**
 * #18: the cancel activity for a reference on another API, through the core's story: what runs is
 * read again, the confirmed operation cancelled (`sendConfirmedCancel`: the re-check, refusals before
 * any request, a lost answer reconciled and never sent twice); what is left to follow is the workflow's.
 */
const cancelReference = (reference: Reference, operationId: string, attemptedBefore: boolean) =>
  Effect.gen(function*() {
    const offer = referenceText(reference)
    const runs = yield* whatRuns(reference)
    const confirmed = runs.find((running) => running.operation.id === operationId)
    if (confirmed === undefined) {
      // Nothing of it runs any more: another operation does, or it ended before the click.
      const other = runs[0]
      return Cancelled.members[1].make({
        outcome: other === undefined
          ? Outcome.cases.NothingRunning.make({ offer })
          : Outcome.cases.OperationChanged.make({ offer, location: other.location, operationId, operation: other.operation })
      })
    }
    const sent = yield* sendConfirmedCancel(confirmed, { attemptedBefore })
    if (sent._tag === "Ended") return Cancelled.members[1].make({ outcome: sent.outcome })
    const early = outcomeWithoutFollow(confirmed, sent.result, true)
    if (early !== undefined) return Cancelled.members[1].make({ outcome: early })
    const at = yield* now
    if (sent.result._tag !== "Accepted") return Cancelled.members[0].make({ accepted: false, followed: confirmed.location, at })
    return Cancelled.members[0].make({
      accepted: true,
      followed: confirmed.location,
      at,
      ...Option.match(sent.result.location, { onNone: () => ({}), onSome: (location) => ({ location }) }),
      ...Option.match(sent.result.retryAfter, { onNone: () => ({}), onSome: (delay) => ({ retryAfterMillis: Duration.toMillis(delay) }) })
    })
  })

const run = Effect.fn("CancelWorkflow")(function*(payload: CancelRequest) {
  const request = payload.confirmation
  yield* Effect.annotateCurrentSpan(spanAttributes({ offer: request.offer, confirmation: shortId(request.id), operationId: request.operationId }))
  // Says which process (replica) follows the cancel now: after a restart or a takeover, the new one.
  yield* Effect.logInfo(`following the cancel ${shortId(request.id)} of ${request.offer}`)
  const settings = yield* CppConfig
  const conversation: Conversation = {
    replies: (yield* SlackChat).replies(payload.responseUrl),
    channel: payload.channel
  }
  const reader = translator(payload.reader.locale, { timeZone: payload.reader.timeZone })
  // The outcome is read by the whole channel: in the team's language.
  const { team } = yield* Readers
  let state: ConversationState = { posts: 0, issuedAt: payload.clickedAt }
  const say = (name: string, message: Messages.SlackMessage, final = false) =>
    Activity.make({
      name,
      success: ConversationState,
      execute: final ? finish(conversation, state, message) : update(conversation, state, message)
    }).pipe(Effect.map((next) => void (state = next)))

  // The hold is this workflow's from here on. It is not when the bot died before the workflow
  // started and a later confirm took the stale hold over: then that one cancels, and this one nothing.
  const taken = yield* Activity.make({
    name: "hold",
    error: CancelInFlight,
    execute: OfferHolds.use((holds) => holds.start(request.offer, request.id))
  }).pipe(Effect.flip, Effect.option)
  if (Option.isSome(taken)) {
    yield* say("taken-over", Messages.refusal(reader, taken.value, 0), true)
    return yield* Activity.make({
      name: "audit-taken-over",
      execute: AuditLog.use((audit) =>
        audit.record({
          event: "refusal",
          who: payload.clicker,
          where: payload.channel,
          offer: request.offer,
          confirmation: shortId(request.id),
          operationId: request.operationId,
          result: "refused-confirmation:CancelInFlight"
        })
      )
    })
  }

  // Released on every end of this workflow (success, failure, defect, interruption), never on a
  // suspension: an audit write that dies must not hold the offer forever.
  const holds = yield* OfferHolds
  yield* Workflow.addFinalizer(() =>
    holds.release(request.offer, request.id).pipe(
      Effect.catchCause((cause) => Effect.logError(`could not release the hold of ${request.offer}`, cause))
    )
  )
  yield* say("announce", Messages.cancelling(reader, request, payload.clicker, undefined))
  const reference = yield* parseReference(request.offer).pipe(Effect.orDie)
  let location: string | undefined

  const follow = Effect.gen(function*() {
    const cancelled = yield* Activity.make({
      name: "cancel",
      success: Cancelled,
      error: CppError,
      execute: Effect.gen(function*() {
        // An activity cut off by a crash runs again: the second time, the core reads what the
        // operation shows before it sends anything (a cancel is not idempotent). Before any POST the
        // core reads what runs: the confirmation named one operation, and only it is cancelled.
        const attempt = yield* OfferHolds.use((holds) => holds.countCancelAttempt(request.offer, request.id))
        if (reference._tag !== "Offer") return yield* cancelReference(reference, request.operationId, attempt > 1)
        const offer = offerRefOf(reference)
        const result = yield* requestCancel(offer, request.operationId, {
          notificationEmails: request.emails,
          attemptedBefore: attempt > 1
        })
        if (result._tag === "NotSent") return Cancelled.members[1].make({ outcome: result.outcome })
        const at = yield* now
        if (result._tag !== "Accepted") return Cancelled.members[0].make({ accepted: false, at })
        return Cancelled.members[0].make({
          accepted: true,
          at,
          ...Option.match(result.location, { onNone: () => ({}), onSome: (location) => ({ location }) }),
          ...Option.match(result.retryAfter, {
            onNone: () => ({}),
            onSome: (delay) => ({ retryAfterMillis: Duration.toMillis(delay) })
          })
        })
      })
    })
    if (cancelled._tag === "NotSent") return decided(cancelled.outcome)
    location = cancelled.location
    const result: CancelResult = cancelled.accepted
      ? {
        _tag: "Accepted",
        location: Option.fromUndefinedOr(cancelled.location),
        retryAfter: Option.map(Option.fromUndefinedOr(cancelled.retryAfterMillis), Duration.millis)
      }
      : { _tag: "Canceled" }
    // The core's follow rule (Follow.ts), driven here through durable sleeps and recorded reads:
    // the cancel operation first (if the service made one), then the cancelled operation, under one deadline.
    const original = cancelled.followed ?? operationLocation(offerRefOf(reference as Extract<Reference, { _tag: "Offer" }>), request.operationId, settings)
    const plan: FollowPlan = {
      settings,
      deadline: cancelled.at + Duration.toMillis(settings.waitTimeout),
      stages: [
        ...(cancelled.location === undefined ? [] : [{ subject: "cancel", location: cancelled.location } as const]),
        { subject: "operation", location: original }
      ],
      offer: request.offer
    }
    let next = startFollowing(plan, cancelled.at, result._tag === "Accepted" ? result.retryAfter : Option.none())
    let reads = 0
    let shown = ""
    while (next._tag === "Read") {
      const { following, stage } = next
      if (Duration.toMillis(next.delay) > 0) yield* DurableClock.sleep({ name: `wait-${reads}`, duration: next.delay })
      const poll = yield* Activity.make({
        name: `poll-${reads}`,
        success: Poll,
        error: CppError,
        // Bounded by the story's deadline, as the CLI's reads are.
        execute: readFollowed(stage.location, plan.deadline, () => followTimeout(plan, following, undefined)).pipe(
          Effect.flatMap((read) =>
            Effect.map(now, (at) => ({
              operation: read.operation,
              at,
              ...Option.match(read.retryAfter, { onNone: () => ({}), onSome: (wish) => ({ retryAfterMillis: Duration.toMillis(wish) }) })
            }))
          )
        )
      })
      reads += 1
      const progress = followProgress(plan, following, poll.operation)
      const key = progressKey(poll.operation)
      if (key !== shown) {
        shown = key
        yield* say(`progress-${reads}`, Messages.cancelling(reader, request, payload.clicker, progress))
      }
      next = afterRead(plan, following, progress, {
        at: poll.at,
        retryAfter: Option.map(Option.fromUndefinedOr(poll.retryAfterMillis), Duration.millis)
      })
    }
    if (next._tag === "DeadlinePassed") return yield* followTimeout(plan, next.following, next.last.operation)
    const outcome = decideOutcome(request.offer, result, next.seen, original)
    if (outcome._tag !== "EndedFirst" || reference._tag !== "Offer") return decided(outcome)
    // The confirmed operation ended on its own: the core checks whether the cancel stopped another.
    return decided(yield* Activity.make({ name: "canceled-instead", success: Outcome, execute: canceledInstead(offerRefOf(reference), outcome) }))
  })

  const end: Messages.CancelEnd = yield* follow.pipe(
    Effect.catch((error) => Effect.succeed<Messages.CancelEnd>({ _tag: "Failed", error }))
  )
  const endedAt = yield* Activity.make({ name: "ended-at", success: Schema.Number, execute: now })
  const outcomeAudit = {
    who: payload.clicker,
    where: payload.channel,
    offer: request.offer,
    requester: request.requester === payload.clicker ? undefined : request.requester,
    confirmation: shortId(request.id),
    operationId: request.operationId,
    location
  }
  // Audit and release first: they wait on the database (which the store waits out), never on Slack.
  // An audit that dies anyway does not keep the channel from being told: the outcome is posted, then
  // the workflow ends in that failure (its finalizer releases the offer).
  const audited = yield* Effect.exit(Activity.make({
    name: "audit-outcome",
    execute: AuditLog.use((audit) =>
      audit.record({ ...outcomeAudit, event: "outcome", result: endResult(end), durationMs: endedAt - payload.clickedAt })
    ).pipe(Effect.andThen(countCancellation(endResult(end))))
  }))
  // Released here on the way out as before; the finalizer above covers every other end.
  if (Exit.isSuccess(audited)) {
    yield* Activity.make({
      name: "release-hold",
      execute: OfferHolds.use((holds) => holds.release(request.offer, request.id))
    })
  }
  const posted = yield* postOutcome(conversation, state, Messages.outcome(team, request, payload.clicker, endedAt, end))
  if (Exit.isFailure(audited)) return yield* Effect.failCause(audited.cause)
  if (posted._tag !== "OnTime") {
    yield* Activity.make({
      name: "audit-outcome-post",
      execute: AuditLog.use((audit) =>
        audit.record({
          ...outcomeAudit,
          event: "outcome-post",
          result: posted._tag === "Late" ? `posted-late:${posted.retries}-retries` : `not-posted:${posted.retries}-retries`
        })
      )
    })
  }
})

/** Runs CancelWorkflow executions on this process (or replica) once a WorkflowEngine is provided. */
export const layerCancelWorkflow = CancelWorkflow.toLayer((payload) => inFlight(run(payload)))
