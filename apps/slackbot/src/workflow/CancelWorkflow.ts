/**
 * A confirmed cancel as a durable workflow, keyed by its confirmation: re-check, cancel once,
 * follow each poll, tell the channel, audit the outcome, release the offer. Every step with an
 * effect outside is an activity, recorded when it completes, so a workflow cut off by a restart
 * (or a lost replica) resumes where it was: no second cancel POST, no second outcome post, the
 * same Slack message edited. Waits between polls go through the durable clock.
 */
import {
  BadRequest,
  backoff,
  CancelUnconfirmed,
  clampDuration,
  CppClient,
  CppConfig,
  encodeResumeToken,
  findRunningOperation,
  Forbidden,
  InvalidInput,
  InvalidResponse,
  isTerminal,
  NotFound,
  Operation,
  operationLocation,
  OperationFailed,
  parseOfferRef,
  requestCancel,
  Unauthorized,
  Unavailable,
  WaitTimeout
} from "@offerops/core"
import { Duration, Effect, Option, Schema } from "effect"
import { Activity, DurableClock, Workflow } from "effect/workflow"
import * as Messages from "../Messages.ts"
import { progressKey } from "../Progress.ts"
import { AuditLog } from "../store/AuditLog.ts"
import type { Confirmation } from "../store/Confirmations.ts"
import { OfferHolds } from "../store/OfferHolds.ts"
import { type Conversation, ConversationState, finish, SlackChat, update } from "./Conversation.ts"

const ConfirmationSchema = Schema.Struct({
  id: Schema.String,
  requester: Schema.String,
  channel: Schema.String,
  offer: Schema.String,
  operationId: Schema.String,
  operationType: Schema.UndefinedOr(Schema.String),
  emails: Schema.Array(Schema.String),
  createdAt: Schema.Number
})

export const CancelWorkflow = Workflow.make("CancelOffer", {
  payload: {
    confirmation: ConfirmationSchema,
    /** Who clicked Confirm, where. */
    clicker: Schema.String,
    channel: Schema.String,
    /** The click's response_url: valid for 5 posts within 30 minutes of `clickedAt`. */
    responseUrl: Schema.String,
    clickedAt: Schema.Number
  },
  idempotencyKey: (payload) => payload.confirmation.id
})

export type CancelRequest = typeof CancelWorkflow.payloadSchema.Type

const CallError = Schema.Union([
  BadRequest, Unauthorized, Forbidden, NotFound, Unavailable, InvalidResponse, InvalidInput, CancelUnconfirmed
])

const Recheck = Schema.Union([
  Schema.TaggedStruct("StillRunning", {}),
  Schema.TaggedStruct("NothingRunning", {}),
  Schema.TaggedStruct("OperationChanged", { runningId: Schema.String })
])

const Cancelled = Schema.Struct({
  /** The cancel operation to follow (a 202's Location), if any. */
  location: Schema.optional(Schema.String),
  retryAfterMillis: Schema.optional(Schema.Number),
  at: Schema.Number
})

const Poll = Schema.Struct({
  operation: Operation,
  retryAfterMillis: Schema.optional(Schema.Number),
  at: Schema.Number
})

const now = Effect.clockWith((clock) => clock.currentTimeMillis)

/** Enough of a confirmation id to find it in the trail, not enough to replay it. */
export const shortId = (id: string) => id.slice(0, 8)

export const outcomeResult = (outcome: Messages.Outcome): string => {
  switch (outcome._tag) {
    case "Ended":
      return outcome.operation?.state ?? "canceled"
    case "Failed":
      return `failed:${outcome.error._tag}`
    case "NothingRunning":
      return "nothing-running"
    case "OperationChanged":
      return "operation-changed"
  }
}

const run = Effect.fn("CancelWorkflow")(function*(payload: CancelRequest) {
  const request: Confirmation = payload.confirmation
  // Says which process (replica) follows the cancel now: after a restart or a takeover, the new one.
  yield* Effect.logInfo(`following the cancel ${shortId(request.id)} of ${request.offer}`)
  const settings = yield* CppConfig
  const conversation: Conversation = {
    replies: (yield* SlackChat).replies(payload.responseUrl),
    channel: payload.channel
  }
  let state: ConversationState = { posts: 0, issuedAt: payload.clickedAt }
  const say = (name: string, message: Messages.SlackMessage, final = false) =>
    Activity.make({
      name,
      success: ConversationState,
      execute: final ? finish(conversation, state, message) : update(conversation, state, message)
    }).pipe(Effect.map((next) => void (state = next)))

  yield* say("announce", Messages.cancelling(request, payload.clicker, undefined))
  const offer = yield* parseOfferRef(request.offer).pipe(Effect.orDie)
  let location: string | undefined

  const follow = Effect.gen(function*() {
    // The confirmation named one operation: cancel only if it is still the one running.
    const recheck = yield* Activity.make({
      name: "recheck",
      success: Recheck,
      error: CallError,
      execute: findRunningOperation(offer).pipe(Effect.map((running) =>
        Option.isNone(running)
          ? Recheck.members[1].make({})
          : running.value.id !== request.operationId
          ? Recheck.members[2].make({ runningId: running.value.id })
          : Recheck.members[0].make({})
      ))
    })
    if (recheck._tag !== "StillRunning") return recheck
    const cancelled = yield* Activity.make({
      name: "cancel",
      success: Cancelled,
      error: CallError,
      execute: Effect.gen(function*() {
        // An activity cut off by a crash runs again: the second time, the core reads what the
        // operation shows before it sends anything (a cancel is not idempotent).
        const attempt = yield* OfferHolds.use((holds) => holds.countCancelAttempt(request.offer, request.id))
        const result = yield* requestCancel(offer, request.operationId, {
          notificationEmails: request.emails,
          attemptedBefore: attempt > 1
        })
        const at = yield* now
        if (result._tag !== "Accepted") return { at }
        return {
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
    // One deadline for the whole story: the cancel operation first (if the service made one), then
    // the cancelled operation, which may lag behind it, to its own end.
    const deadline = cancelled.at + Duration.toMillis(settings.waitTimeout)
    const original = operationLocation(offer, request.operationId, settings)
    const locations = cancelled.location === undefined ? [original] : [cancelled.location, original]
    let delay = cancelled.retryAfterMillis ?? 0
    let polls = 0
    let last: Operation | undefined
    let shown = ""
    for (const followed of locations) {
      let pollsHere = 0
      while (true) {
        if (delay > 0) yield* DurableClock.sleep({ name: `wait-${polls}`, duration: Duration.millis(delay) })
        const poll = yield* Activity.make({
          name: `poll-${polls}`,
          success: Poll,
          error: CallError,
          execute: CppClient.use((client) => client.pollOperation(followed)).pipe(
            Effect.flatMap((read) =>
              now.pipe(Effect.map((at) => ({
                operation: read.operation,
                at,
                ...Option.match(read.retryAfter, {
                  onNone: () => ({}),
                  onSome: (wish) => ({
                    retryAfterMillis: Duration.toMillis(
                      clampDuration(wish, { min: settings.retryAfterMin, max: settings.retryAfterMax })
                    )
                  })
                })
              })))
            )
          )
        })
        polls += 1
        pollsHere += 1
        last = poll.operation
        const key = progressKey(poll.operation)
        if (key !== shown) {
          shown = key
          yield* say(`progress-${polls}`, Messages.cancelling(request, payload.clicker, poll.operation))
        }
        if (poll.operation.state === "failed") {
          return yield* new OperationFailed({
            location: followed,
            operation: poll.operation,
            message: `the cancellation on ${offer} failed: ${poll.operation.submissionType ?? "operation"} ${
              poll.operation.id ?? ""
            } ended ${poll.operation.status}`
          })
        }
        if (isTerminal(poll.operation.state)) break
        if (poll.at >= deadline) {
          return yield* new WaitTimeout({
            location: followed,
            operation: poll.operation,
            resumeToken: encodeResumeToken({ location: followed, offer: offer.toString() }),
            message: `the operation was still ${poll.operation.status} when the wait's deadline passed`
          })
        }
        delay = Math.min(
          poll.retryAfterMillis ?? Duration.toMillis(backoff(pollsHere - 1, settings)),
          Math.max(0, deadline - poll.at)
        )
      }
      delay = 0
    }
    return { _tag: "Ended", operation: last } as const
  })

  const outcome: Messages.Outcome = yield* follow.pipe(
    Effect.catch((error) => Effect.succeed<Messages.Outcome>({ _tag: "Failed", error }))
  )
  const endedAt = yield* Activity.make({ name: "ended-at", success: Schema.Number, execute: now })
  yield* say("outcome", Messages.outcome(request, payload.clicker, endedAt, outcome), true)
  yield* Activity.make({
    name: "audit-outcome",
    execute: AuditLog.use((audit) =>
      audit.record({
        event: "outcome",
        who: payload.clicker,
        where: payload.channel,
        offer: request.offer,
        requester: request.requester === payload.clicker ? undefined : request.requester,
        confirmation: shortId(request.id),
        operationId: request.operationId,
        location,
        result: outcomeResult(outcome),
        durationMs: endedAt - payload.clickedAt
      })
    )
  })
  yield* Activity.make({
    name: "release-hold",
    execute: OfferHolds.use((holds) => holds.release(request.offer, request.id))
  })
})

/** Runs CancelWorkflow executions on this process (or replica) once a WorkflowEngine is provided. */
export const layerCancelWorkflow = CancelWorkflow.toLayer((payload) => run(payload))
