/**
 * A confirmed cancel as a durable workflow, keyed by its confirmation: re-check, cancel once,
 * follow each poll, tell the channel, audit the outcome, release the offer. Every step with an
 * effect outside is an activity, recorded when it completes, so a workflow cut off by a restart
 * (or a lost replica) resumes where it was: no second cancel POST, no second outcome post, the
 * same Slack message edited. Waits between polls go through the durable clock; when to poll and
 * what the polls mean are the core's (`nextPoll`, `decideOutcome`).
 */
import {
  type CancelResult,
  CppClient,
  CppConfig,
  CppError,
  decideOutcome,
  encodeResumeToken,
  findRunningOperation,
  initialPollState,
  isTerminal,
  type LastSeen,
  locales,
  lastSeen,
  nextPoll,
  nothingRunning,
  Operation,
  operationLocation,
  Outcome,
  parseOfferRef,
  type PollState,
  requestCancel,
  translator,
  WaitTimeout
} from "@offerops/core"
import { Duration, Effect, Option, Schema } from "effect"
import { Activity, DurableClock, Workflow } from "effect/workflow"
import * as Messages from "../Messages.ts"
import { type Conversation, ConversationState, finish, progressKey, update } from "../Progress.ts"
import { Readers } from "../Readers.ts"
import { AuditLog } from "../store/AuditLog.ts"
import { Confirmation } from "../store/Confirmations.ts"
import { CancelInFlight, OfferHolds } from "../store/OfferHolds.ts"
import { countCancellation, inFlight, spanAttributes } from "../Telemetry.ts"
import { SlackChat } from "./Conversation.ts"
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


const Recheck = Schema.Union([
  Schema.TaggedStruct("StillRunning", {}),
  Schema.TaggedStruct("NothingRunning", {}),
  Schema.TaggedStruct("OperationChanged", { runningId: Schema.String })
])

const Cancelled = Schema.Struct({
  /** 202: the service took the cancel and may name an operation for it; else it was cancelled at once, or taken when an answer was lost. */
  accepted: Schema.Boolean,
  /** The cancel operation to follow (a 202's Location), if any. */
  location: Schema.optional(Schema.String),
  retryAfterMillis: Schema.optional(Schema.Number),
  at: Schema.Number
})

const Poll = Schema.Struct({
  operation: Operation,
  /** The absolute URL polled. */
  location: Schema.String,
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
        Accepted: () => "accepted"
      })
    case "Failed":
      return `failed:${end.error._tag}`
    case "OperationChanged":
      return "operation-changed"
  }
}

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

  yield* say("announce", Messages.cancelling(reader, request, payload.clicker, undefined))
  const offer = yield* parseOfferRef(request.offer).pipe(Effect.orDie)
  let location: string | undefined

  const follow = Effect.gen(function*() {
    // The confirmation named one operation: cancel only if it is still the one running.
    const recheck = yield* Activity.make({
      name: "recheck",
      success: Recheck,
      error: CppError,
      execute: findRunningOperation(offer).pipe(Effect.map((running) =>
        Option.isNone(running)
          ? Recheck.members[1].make({})
          : running.value.id !== request.operationId
          ? Recheck.members[2].make({ runningId: running.value.id })
          : Recheck.members[0].make({})
      ))
    })
    if (recheck._tag === "NothingRunning") return decided(nothingRunning(offer))
    if (recheck._tag === "OperationChanged") return recheck
    const cancelled = yield* Activity.make({
      name: "cancel",
      success: Cancelled,
      error: CppError,
      execute: Effect.gen(function*() {
        // An activity cut off by a crash runs again: the second time, the core reads what the
        // operation shows before it sends anything (a cancel is not idempotent).
        const attempt = yield* OfferHolds.use((holds) => holds.countCancelAttempt(request.offer, request.id))
        const result = yield* requestCancel(offer, request.operationId, {
          notificationEmails: request.emails,
          attemptedBefore: attempt > 1
        })
        const at = yield* now
        if (result._tag !== "Accepted") return { accepted: false, at }
        return {
          accepted: true,
          at,
          ...Option.match(result.location, { onNone: () => ({}), onSome: (location) => ({ location }) }),
          ...Option.match(result.retryAfter, {
            onNone: () => ({}),
            onSome: (delay) => ({ retryAfterMillis: Duration.toMillis(delay) })
          })
        }
      })
    })
    location = cancelled.location
    const result: CancelResult = cancelled.accepted
      ? {
        _tag: "Accepted",
        location: Option.fromUndefinedOr(cancelled.location),
        retryAfter: Option.map(Option.fromUndefinedOr(cancelled.retryAfterMillis), Duration.millis)
      }
      : { _tag: "Canceled" }
    // One deadline for the whole story: the cancel operation first (if the service made one), then
    // the cancelled operation, which may lag behind it, to its own end.
    const deadline = cancelled.at + Duration.toMillis(settings.waitTimeout)
    const original = operationLocation(offer, request.operationId, settings)
    const stages: ReadonlyArray<readonly ["cancel" | "operation", string]> = cancelled.location === undefined
      ? [["operation", original]]
      : [["cancel", cancelled.location], ["operation", original]]
    let delay = cancelled.retryAfterMillis ?? 0
    let polls = 0
    let seen: LastSeen = {}
    let shown = ""
    for (const [subject, followed] of stages) {
      let pacing: PollState = initialPollState
      while (true) {
        if (delay > 0) yield* DurableClock.sleep({ name: `wait-${polls}`, duration: Duration.millis(delay) })
        const poll = yield* Activity.make({
          name: `poll-${polls}`,
          success: Poll,
          error: CppError,
          execute: Effect.gen(function*() {
            const client = yield* CppClient
            const url = yield* client.resolveLocation(followed)
            const read = yield* client.pollOperation(url)
            return {
              operation: read.operation,
              location: url,
              at: yield* now,
              ...Option.match(read.retryAfter, {
                onNone: () => ({}),
                onSome: (wish) => ({ retryAfterMillis: Duration.toMillis(wish) })
              })
            }
          })
        })
        polls += 1
        const resumeToken = encodeResumeToken({
          location: poll.location,
          deadline,
          offer: offer.toString(),
          ...(subject === "cancel" ? { canceled: original } : {})
        })
        const progress = { operation: poll.operation, location: poll.location, resumeToken, subject }
        seen = lastSeen(seen, progress)
        const key = progressKey(poll.operation)
        if (key !== shown) {
          shown = key
          yield* say(`progress-${polls}`, Messages.cancelling(reader, request, payload.clicker, progress))
        }
        if (isTerminal(poll.operation.state)) {
          // After a failed cancel operation the cancelled one would only keep running.
          if (subject === "cancel" && poll.operation.state === "failed") return decided(decideOutcome(offer.toString(), result, seen, original))
          break
        }
        const next = nextPoll(pacing, {
          at: poll.at,
          retryAfter: Option.map(Option.fromUndefinedOr(poll.retryAfterMillis), Duration.millis)
        }, { settings, deadline })
        if (next._tag === "DeadlinePassed") {
          return yield* new WaitTimeout({
            location: poll.location,
            operation: poll.operation,
            resumeToken,
            message: `the operation was still ${poll.operation.status} when the wait's deadline passed`
          })
        }
        pacing = next.state
        delay = Duration.toMillis(next.delay)
      }
      delay = 0
    }
    return decided(decideOutcome(offer.toString(), result, seen, original))
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
  yield* Activity.make({
    name: "audit-outcome",
    execute: AuditLog.use((audit) =>
      audit.record({ ...outcomeAudit, event: "outcome", result: endResult(end), durationMs: endedAt - payload.clickedAt })
    ).pipe(Effect.andThen(countCancellation(endResult(end))))
  })
  yield* Activity.make({
    name: "release-hold",
    execute: OfferHolds.use((holds) => holds.release(request.offer, request.id))
  })
  const posted = yield* postOutcome(conversation, state, Messages.outcome(team, request, payload.clicker, endedAt, end))
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
