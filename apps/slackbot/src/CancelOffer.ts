/**
 * The cancel-offer story, free of Slack transport: answer a command (help, status, or a confirmation
 * to cancel), then act on Confirm or Dismiss. Authorization, single use and the one-cancel-per-offer
 * rule are checked here, in that order, and every step leaves an audit record.
 */
import {
  type Backends,
  CppClient,
  type CppError,
  isCppError,
  parseNotificationEmails,
  parseReference,
  type Reference,
  referenceText,
  refusalText
} from "@offerops/core"
import { Clock, Duration, Effect, Option, Result, Schema } from "effect"
import type { AuditEvent } from "./Audit.ts"
import { parseCommandText } from "./CommandText.ts"
import { AuditLog } from "./store/AuditLog.ts"
import { type Confirmation, Confirmations } from "./store/Confirmations.ts"
import { OfferHolds } from "./store/OfferHolds.ts"
import { countCommand, spanAttributes } from "./Telemetry.ts"
import { CancelWorkflow, shortId } from "./workflow/CancelWorkflow.ts"
import type { ChannelSlack } from "./watch/ChannelSlack.ts"
import { answerSubscription } from "./watch/SubscriptionCommands.ts"
import { watchHistory } from "./watch/WatchMessages.ts"
import type { Subscriptions } from "./store/Subscriptions.ts"
import * as Messages from "./Messages.ts"
import { authorize, type CancelPolicy } from "./Policy.ts"
import { readWhatRuns, type Shown } from "./WhatRuns.ts"
import type { ProgressReporter } from "./Progress.ts"
import type { Translator } from "./i18n/Translator.ts"

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
  /** The click's response_url and when Slack issued it: the workflow answers through it. */
  readonly responseUrl: string
  readonly clickedAt: number
  readonly reporter: ProgressReporter
}

/** How many outcomes `/cancel-offer history` shows. */
const historyLength = 10

/**
 * How long an answer may take (its reads of the service, the history): past it the person is told
 * the service is slow and nothing was done, and the answer's slot is free for the next person. A
 * read retried under a long Retry-After would otherwise hold it for many minutes.
 */
export const answerTimeout = Duration.seconds(8)

/** The answer took longer than `answerTimeout`: nothing was done. */
class TooSlow extends Schema.TaggedError<TooSlow>()("TooSlow", {}) {}

const ttlMinutes = (store: Confirmations["Service"]) => Math.max(1, Math.round(Duration.toMinutes(store.ttl)))

interface Answer {
  readonly message: Messages.SlackMessage
  readonly audit: Omit<AuditEvent, "who" | "where" | "durationMs">
}

/** `/cancel-offer …`: the ephemeral answer to the requester. Never fails; errors become messages. */
export const handleCommand = Effect.fn("handleCommand")(function*(input: CommandInput) {
  const store = yield* Confirmations
  const started = yield* Clock.currentTimeMillis
  const command = parseCommandText(input.text)
  yield* countCommand(command._tag.toLowerCase())
  yield* Effect.annotateCurrentSpan(spanAttributes({ command: command._tag.toLowerCase(), offer: "offer" in command ? command.offer : undefined }))
  const actor = (reference: Reference) => ({ userId: input.userId, channelId: input.channelId, reference })

  const answer: Answer = yield* Effect.gen(function*(): Effect.fn.Return<
    Answer,
    Messages.Refusal | CppError,
    CppClient | Backends | CancelPolicy | AuditLog | Subscriptions | ChannelSlack
  > {
    switch (command._tag) {
      case "Help":
        return {
          message: Messages.usage(input.reader, command.problem),
          audit: { event: "request", result: command.problem === undefined ? "help" : "usage" }
        }
      case "Status": {
        const reference = yield* parseReference(command.offer)
        yield* authorize(actor(reference))
        const offer = referenceText(reference)
        const running = Option.getOrUndefined(yield* readWhatRuns(reference))
        return {
          message: Messages.status(input.reader, offer, running),
          audit: { event: "status", offer, operationId: running?.submission.id, result: running === undefined ? "idle" : "running" }
        }
      }
      case "History": {
        const reference = yield* parseReference(command.offer)
        yield* authorize(actor(reference))
        // Keyed by the reference's text, as every audit row of it is.
        const offer = referenceText(reference)
        const outcomes = yield* AuditLog.use((audit) => audit.outcomes(offer, historyLength))
        const watching = yield* AuditLog.use((audit) => audit.watchEvents(offer, historyLength))
        const message = Messages.history(input.reader, offer, outcomes)
        return {
          message: { ...message, blocks: [...message.blocks, ...watchHistory(input.reader, offer, watching)] },
          audit: { event: "history", offer, result: `${outcomes.length}-outcomes` }
        }
      }
      case "Watch":
      case "Unwatch":
      case "Watching":
        return yield* answerSubscription(command, input)
      case "Cancel": {
        const reference = yield* parseReference(command.offer)
        yield* authorize(actor(reference))
        const offer = referenceText(reference)
        const emails = command.emails === undefined ? [] : yield* parseNotificationEmails(command.emails)
        const running = Option.getOrUndefined(yield* readWhatRuns(reference))
        if (running === undefined) {
          return { message: Messages.nothingRunning(input.reader, offer), audit: { event: "request", offer, result: "nothing-running" } }
        }
        // #18: what the service would refuse to cancel (published, publishing, cancelled through its job) is said now, with no button.
        const refusal = (running as Shown).refusal
        if (refusal !== undefined) {
          const shown = Messages.status(input.reader, offer, running)
          return {
            message: { ...shown, blocks: [...shown.blocks, Messages.context(`:no_entry: ${Messages.escape(refusalText(refusal, input.reader), 500)}`)] },
            audit: { event: "request", offer, operationId: running.submission.id, result: `refused:${refusal._tag}` }
          }
        }
        const request = yield* store.issue({
          requester: input.userId,
          channel: input.channelId,
          offer,
          operationId: running.submission.id,
          operationType: running.operation?.submissionType ?? running.submission.submissionType,
          emails
        })
        return {
          message: Messages.confirmation(input.reader, request, running, ttlMinutes(store)),
          audit: { event: "request", offer, operationId: request.operationId, confirmation: shortId(request.id), result: "confirmation-shown" }
        }
      }
    }
  }).pipe(
    Effect.timeoutOrElse({ duration: answerTimeout, orElse: () => Effect.fail(new TooSlow()) }),
    Effect.catch((error): Effect.Effect<Answer> =>
      Effect.succeed(
        error._tag === "TooSlow"
          ? { message: Messages.slow(input.reader), audit: { event: "refusal", result: "error:TooSlow" } }
          : error._tag === "InvalidInput"
          ? { message: Messages.usage(input.reader, error.message), audit: { event: "refusal", result: "refused:InvalidInput" } }
          : isCppError(error)
          ? { message: Messages.failure(input.reader, error), audit: { event: "refusal", result: `error:${error._tag}` } }
          : { message: Messages.refusal(input.reader, error, ttlMinutes(store)), audit: { event: "refusal", result: `refused:${error._tag}` } }
      )
    )
  )
  const now = yield* Clock.currentTimeMillis
  // The offer as typed (bounded in the line) when the answer did not name a checked one: refusals too.
  const offer = answer.audit.offer ?? ("offer" in command ? command.offer : undefined)
  yield* AuditLog.use((audit) =>
    audit.record({ ...answer.audit, offer, who: input.userId, where: input.channelId, durationMs: now - started })
  )
  return answer.message
})

/** Refuses a click: audited, and told only to the person who clicked. */
const refuseClick = Effect.fn("refuseClick")(function*(
  input: ClickInput,
  reason: Messages.Refusal | CppError,
  pending: Confirmation | undefined,
  event: "confirmation" | "dismissal"
) {
  const store = yield* Confirmations
  yield* AuditLog.use((audit) => audit.record({
    event: "refusal",
    who: input.userId,
    where: input.channelId,
    offer: pending?.offer ?? ("offer" in reason && typeof reason.offer === "string" ? reason.offer : undefined),
    requester: pending?.requester,
    operationId: pending?.operationId,
    confirmation: shortId(input.confirmationId),
    result: `refused-${event}:${reason._tag}`
  }))
  yield* input.reporter.tell(isCppError(reason) ? Messages.failure(input.reader, reason) : Messages.refusal(input.reader, reason, ttlMinutes(store)))
})

/**
 * Confirm: re-authorize the clicker, use the confirmation once, hold the offer, then hand the cancel
 * to its durable workflow, which reports, audits and releases the hold even across restarts.
 */
export const confirmCancel = Effect.fn("confirmCancel")(function*(input: ClickInput) {
  const confirmations = yield* Confirmations
  const holds = yield* OfferHolds
  // Read once: the refusal names its offer even when the click itself is refused.
  const peeked = yield* Effect.result(confirmations.peek(input.confirmationId))
  const accepted = yield* Effect.gen(function*() {
    const seen = yield* Effect.fromResult(peeked)
    const reference = yield* parseReference(seen.offer)
    // Anyone who sees the button can click it: the clicker must be allowed too.
    yield* authorize({ userId: input.userId, channelId: input.channelId, reference })
    const request = yield* confirmations.take(input.confirmationId)
    yield* holds.claim({ offer: request.offer, by: input.userId, confirmationId: request.id })
    return request
  }).pipe(
    Effect.map(Option.some),
    Effect.catch((reason) =>
      refuseClick(input, reason, Result.getOrUndefined(peeked), "confirmation").pipe(Effect.as(Option.none()))
    )
  )
  if (Option.isNone(accepted)) return
  const request = accepted.value
  yield* AuditLog.use((audit) =>
    audit.record({
      event: "confirmation",
      who: input.userId,
      where: input.channelId,
      offer: request.offer,
      requester: request.requester === input.userId ? undefined : request.requester,
      confirmation: shortId(request.id),
      operationId: request.operationId,
      result: "accepted"
    })
  )
  yield* CancelWorkflow.execute({
    confirmation: request,
    clicker: input.userId,
    channel: input.channelId,
    responseUrl: input.responseUrl,
    clickedAt: input.clickedAt,
    reader: { locale: input.reader.locale, timeZone: input.reader.timeZone }
  }, { discard: true }).pipe(
    // Not started, so nothing would ever release the offer.
    Effect.onError(() => holds.release(request.offer, request.id))
  )
})

/** Dismiss: only the requester may, and it uses the confirmation up. */
export const dismissCancel = Effect.fn("dismissCancel")(function*(input: ClickInput) {
  const store = yield* Confirmations
  const peeked = yield* Effect.result(store.peek(input.confirmationId))
  yield* Effect.gen(function*() {
    const seen = yield* Effect.fromResult(peeked)
    if (seen.requester !== input.userId) return yield* new NotRequester({ requester: seen.requester })
    const request = yield* store.take(input.confirmationId)
    yield* AuditLog.use((audit) => audit.record({
      event: "dismissal",
      who: input.userId,
      where: input.channelId,
      offer: request.offer,
      operationId: request.operationId,
      confirmation: shortId(request.id),
      result: "dismissed"
    }))
    yield* input.reporter.update(Messages.dismissed(input.reader, request.offer))
  }).pipe(Effect.catch((reason) => refuseClick(input, reason, Result.getOrUndefined(peeked), "dismissal")))
})
