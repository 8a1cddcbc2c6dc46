/**
 * The cancel-offer story, free of Slack transport: answer a command (help, status, or a confirmation
 * to cancel), then act on Confirm or Dismiss. Authorization, single use and the one-cancel-per-offer
 * rule are checked here, in that order, and every step leaves an audit record.
 */
import {
  cancellationOutcome,
  cancellationProgress,
  CppClient,
  type CppError,
  findRunningOperation,
  isCppError,
  nothingRunning,
  type OfferRef,
  Outcome,
  parseNotificationEmails,
  parseOfferRef,
  readRunning,
  requestCancel,
  type Translator
} from "@offerops/core"
import { Clock, Duration, Effect, Option, Schema, Stream } from "effect"
import type { AuditEvent } from "./Audit.ts"
import { parseCommandText } from "./CommandText.ts"
import { type Confirmation, ConfirmationStore } from "./ConfirmationStore.ts"
import * as Messages from "./Messages.ts"
import { authorize, type CancelPolicy } from "./Policy.ts"
import { Readers } from "./Readers.ts"
import type { ProgressReporter } from "./Progress.ts"
import { progressKey } from "./Progress.ts"

/** Someone other than the requester tried to dismiss a confirmation. */
export class NotRequester extends Schema.TaggedError<NotRequester>()("NotRequester", {
  requester: Schema.String
}) {}

export interface CommandInput {
  readonly userId: string
  readonly channelId: string
  readonly text: string
  /** The requester's language and time zone: the answer is theirs alone. */
  readonly reader: Translator
}

export interface ClickInput {
  readonly userId: string
  readonly channelId: string
  /** The button's value: an opaque confirmation id, nothing else. */
  readonly confirmationId: string
  /** The clicker's language and time zone, for what only they see; the channel reads the team's. */
  readonly reader: Translator
  readonly reporter: ProgressReporter
}

/** Enough of a confirmation id to find it in the trail, not enough to replay it. */
const shortId = (id: string) => id.slice(0, 8)

const ttlMinutes = (store: ConfirmationStore["Service"]) => Math.max(1, Math.round(Duration.toMinutes(store.ttl)))

interface Answer {
  readonly message: Messages.SlackMessage
  readonly audit: Omit<AuditEvent, "who" | "where" | "durationMs">
}

/** `/cancel-offer …`: the ephemeral answer to the requester. Never fails; errors become messages. */
export const handleCommand = Effect.fn("handleCommand")(function*(input: CommandInput) {
  const store = yield* ConfirmationStore
  const started = yield* Clock.currentTimeMillis
  const command = parseCommandText(input.text)
  const actor = (offer: OfferRef) => ({ userId: input.userId, channelId: input.channelId, publisherId: offer.publisherId })

  const answer: Answer = yield* Effect.gen(function*(): Effect.fn.Return<Answer, Messages.Refusal | CppError, CppClient | CancelPolicy> {
    switch (command._tag) {
      case "Help":
        return {
          message: Messages.usage(input.reader, command.problem),
          audit: { event: "request", result: command.problem === undefined ? "help" : "usage" }
        }
      case "Status": {
        const offer = yield* parseOfferRef(command.offer)
        yield* authorize(actor(offer))
        const running = Option.getOrUndefined(yield* readRunning(offer))
        return {
          message: Messages.status(input.reader, offer.toString(), running),
          audit: { event: "status", offer: offer.toString(), operationId: running?.submission.id, result: running === undefined ? "idle" : "running" }
        }
      }
      case "Cancel": {
        const offer = yield* parseOfferRef(command.offer)
        yield* authorize(actor(offer))
        const emails = command.emails === undefined ? [] : yield* parseNotificationEmails(command.emails)
        const running = Option.getOrUndefined(yield* readRunning(offer))
        if (running === undefined) {
          return { message: Messages.nothingRunning(input.reader, offer.toString()), audit: { event: "request", offer: offer.toString(), result: "nothing-running" } }
        }
        const request = yield* store.issue({
          requester: input.userId,
          channel: input.channelId,
          offer: offer.toString(),
          operationId: running.submission.id,
          operationType: running.operation?.submissionType ?? running.submission.submissionType,
          emails
        })
        return {
          message: Messages.confirmation(input.reader, request, running, ttlMinutes(store)),
          audit: { event: "request", offer: offer.toString(), operationId: request.operationId, confirmation: shortId(request.id), result: "confirmation-shown" }
        }
      }
    }
  }).pipe(
    Effect.catch((error): Effect.Effect<Answer> =>
      Effect.succeed(
        error._tag === "InvalidInput"
          ? { message: Messages.usage(input.reader, error.message), audit: { event: "refusal", result: "refused:InvalidInput" } }
          : isCppError(error)
          ? { message: Messages.failure(input.reader, error), audit: { event: "refusal", result: `error:${error._tag}` } }
          : { message: Messages.refusal(input.reader, error, ttlMinutes(store)), audit: { event: "refusal", result: `refused:${error._tag}` } }
      )
    )
  )
  const now = yield* Clock.currentTimeMillis
  // The offer as typed (bounded in the line) when the answer did not name a checked one: refusals too.
  const offer = answer.audit.offer ?? (command._tag === "Help" ? undefined : command.offer)
  yield* store.audit({ ...answer.audit, offer, who: input.userId, where: input.channelId, durationMs: now - started })
  return answer.message
})

/** Refuses a click: audited, and told only to the person who clicked. */
const refuseClick = Effect.fn("refuseClick")(function*(
  input: ClickInput,
  reason: Messages.Refusal | CppError,
  pending: Confirmation | undefined,
  event: "confirmation" | "dismissal"
) {
  const store = yield* ConfirmationStore
  yield* store.audit({
    event: "refusal",
    who: input.userId,
    where: input.channelId,
    offer: pending?.offer ?? ("offer" in reason && typeof reason.offer === "string" ? reason.offer : undefined),
    requester: pending?.requester,
    operationId: pending?.operationId,
    confirmation: shortId(input.confirmationId),
    result: `refused-${event}:${reason._tag}`
  })
  yield* input.reporter.tell(isCppError(reason) ? Messages.failure(input.reader, reason) : Messages.refusal(input.reader, reason, ttlMinutes(store)))
})

/** Confirm: re-authorize the clicker, use the confirmation once, hold the offer, cancel and report. */
export const confirmCancel = Effect.fn("confirmCancel")(function*(input: ClickInput) {
  const store = yield* ConfirmationStore
  const started = yield* Clock.currentTimeMillis
  const pending = yield* store.peek(input.confirmationId).pipe(Effect.option)
  const accepted = yield* Effect.gen(function*() {
    const seen = yield* store.peek(input.confirmationId)
    const offer = yield* parseOfferRef(seen.offer)
    // Anyone who sees the button can click it: the clicker must be allowed too.
    yield* authorize({ userId: input.userId, channelId: input.channelId, publisherId: offer.publisherId })
    const request = yield* store.take(input.confirmationId)
    yield* store.claimOffer(request.offer, input.userId)
    return { request, offer }
  }).pipe(
    Effect.map(Option.some),
    Effect.catch((reason) =>
      refuseClick(input, reason, Option.getOrUndefined(pending), "confirmation").pipe(Effect.as(Option.none()))
    )
  )
  if (Option.isNone(accepted)) return
  const { request, offer } = accepted.value
  yield* runCancel(input, request, offer, started).pipe(Effect.ensuring(store.releaseOffer(request.offer)))
})

const runCancel = Effect.fn("runCancel")(function*(input: ClickInput, request: Confirmation, offer: OfferRef, started: number) {
  const store = yield* ConfirmationStore
  const record = {
    who: input.userId,
    where: input.channelId,
    offer: request.offer,
    requester: request.requester === input.userId ? undefined : request.requester,
    confirmation: shortId(request.id),
    operationId: request.operationId
  }
  yield* store.audit({ ...record, event: "confirmation", result: "accepted" })
  yield* input.reporter.update(Messages.cancelling(input.reader, request, input.userId, undefined))
  let location: string | undefined

  const end: Messages.CancelEnd = yield* Effect.gen(function*(): Effect.fn.Return<Messages.CancelEnd, CppError, CppClient> {
    // The confirmation named one operation: cancel only if it is still the one running.
    const running = yield* findRunningOperation(offer)
    if (Option.isNone(running)) return { _tag: "Decided", outcome: nothingRunning(offer) }
    if (running.value.id !== request.operationId) return { _tag: "OperationChanged", runningId: running.value.id }
    const result = yield* requestCancel(offer, request.operationId, { notificationEmails: request.emails })
    location = result._tag === "Accepted" ? Option.getOrUndefined(result.location) : undefined
    let lastKey = ""
    const outcome = yield* cancellationProgress(offer, result, Option.some(request.operationId)).pipe(
      Stream.tap((progress) => {
        const key = `${progress.subject}|${progressKey(progress.operation)}`
        if (key === lastKey) return Effect.void
        lastKey = key
        return input.reporter.update(Messages.cancelling(input.reader, request, input.userId, progress))
      }),
      cancellationOutcome(offer, result, request.operationId)
    )
    return { _tag: "Decided", outcome }
  }).pipe(Effect.catch((error) => Effect.succeed<Messages.CancelEnd>({ _tag: "Failed", error })))

  const now = yield* Clock.currentTimeMillis
  // The outcome is read by the whole channel: in the team's language.
  const { team } = yield* Readers
  yield* input.reporter.finish(Messages.outcome(team, request, input.userId, now, end))
  yield* store.audit({
    ...record,
    event: "outcome",
    location,
    result: endResult(end),
    durationMs: now - started
  })
})

/** Dismiss: only the requester may, and it uses the confirmation up. */
export const dismissCancel = Effect.fn("dismissCancel")(function*(input: ClickInput) {
  const store = yield* ConfirmationStore
  const pending = yield* store.peek(input.confirmationId).pipe(Effect.option)
  yield* Effect.gen(function*() {
    const seen = yield* store.peek(input.confirmationId)
    if (seen.requester !== input.userId) return yield* new NotRequester({ requester: seen.requester })
    const request = yield* store.take(input.confirmationId)
    yield* store.audit({
      event: "dismissal",
      who: input.userId,
      where: input.channelId,
      offer: request.offer,
      operationId: request.operationId,
      confirmation: shortId(request.id),
      result: "dismissed"
    })
    yield* input.reporter.update(Messages.dismissed(input.reader, request.offer))
  }).pipe(Effect.catch((reason) => refuseClick(input, reason, Option.getOrUndefined(pending), "dismissal")))
})

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
