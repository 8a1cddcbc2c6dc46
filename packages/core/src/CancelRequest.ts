/**
 * The cancel POST of a confirmed operation, made safe. The POST names only the offer, so what runs is
 * read again just before every POST: when it is no longer the confirmed operation, nothing is sent.
 * A cancel is not idempotent, so a POST that fails without an answer (connection reset, timeout) is
 * never simply repeated: the service is asked what became of the operation, and the cancel is sent
 * again only when it shows none under way.
 */
import { Effect, Option, Result } from "effect"
import { findRunningOperation } from "./Cancellation.ts"
import { type CancelResult, CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import { CancelUnconfirmed, type HttpFailure, type InvalidInput } from "./CppError.ts"
import { operationLocation } from "./Location.ts"
import type { OfferRef } from "./OfferRef.ts"
import type { Operation } from "./Operation.ts"
import { isTerminal, sameStatusText } from "./OperationStatus.ts"
import { Outcome } from "./Outcome.ts"

/** What an operation's detail says about a cancel whose answer was lost. */
export type CancelEvidence =
  /** Canceled, being cancelled, or ended on its own: the story goes on from this operation. */
  | { readonly _tag: "Taken"; readonly operation: Operation }
  /** Still runs, and the service would take a cancel: none is under way. */
  | { readonly _tag: "NotTaken" }
  | { readonly _tag: "Unknown"; readonly reason: string }

// Only `canCancel` is documented; these spellings of "a cancel is under way" are the emulator's and
// their likely variants. Any other value (`cannotCancel`, none at all) leaves the question open.
const underWay = ["cancelRequested", "cancellationRequested", "cancelling", "canceling", "cancelInProgress"]

const saysUnderWay = (text: string | undefined): boolean =>
  text !== undefined && underWay.some((spelling) => sameStatusText(spelling, text))

export const cancelEvidence = (operation: Operation): CancelEvidence => {
  if (isTerminal(operation.state) || saysUnderWay(operation.status) || saysUnderWay(operation.cancellationRequestState)) {
    return { _tag: "Taken", operation }
  }
  const state = operation.cancellationRequestState
  if ((operation.state === "running" || operation.state === "notStarted") && state !== undefined && sameStatusText(state, "canCancel")) {
    return { _tag: "NotTaken" }
  }
  return {
    _tag: "Unknown",
    reason: `it reads ${operation.status} with cancellationRequestState ${state === undefined ? "absent" : JSON.stringify(state)}`
  }
}

/**
 * A failure with no answer from the service, the POST having maybe reached it. One the transport
 * knows never left this machine (`sent: false`) stands as it is.
 */
export const answerLost = (error: HttpFailure): boolean =>
  error._tag === "Unavailable" && error.status === undefined && error.sent !== false

/** No cancel was sent: what runs is no longer what was confirmed, as `outcome` says. */
export interface NotSent {
  readonly _tag: "NotSent"
  readonly outcome: Outcome
}

/**
 * Whether the confirmed operation is still the one running, read just before a POST: undefined when
 * it is, else the Outcome without a cancel. An operation that ended on its own is EndedFirst.
 */
export const confirmedStillRuns = Effect.fn("confirmedStillRuns")(function*(offer: OfferRef, operationId: string) {
  const running = yield* findRunningOperation(offer)
  if (Option.isSome(running) && running.value.id === operationId) return undefined
  const settings = yield* CppConfig
  const location = operationLocation(offer, operationId, settings)
  // How the confirmed operation ended, so the outcome names it as the person saw it.
  const operation = yield* CppClient.use((client) => client.getOperation({ offer, operationId }))
  if (Option.isNone(running) && (operation.state === "completed" || operation.state === "failed")) {
    return Outcome.cases.EndedFirst.make({ offer: offer.toString(), location, operation })
  }
  return Outcome.cases.OperationChanged.make({
    offer: offer.toString(),
    location,
    operationId,
    operation,
    ...(Option.isSome(running) ? { running: running.value } : {})
  })
})

/** Cancels sent at most, when each answer is lost and the service shows no cancel under way. */
export const maxCancelRequests = 3

export interface CancelRequestOptions {
  readonly notificationEmails?: ReadonlyArray<string> | undefined
  /**
   * This cancel was attempted before (a process that crashed, an activity run again) and may have
   * reached the service: read the operation first, and send only if no cancel is under way.
   */
  readonly attemptedBefore?: boolean | undefined
}

/**
 * Cancels the operation `operationId` running on `offer`, the one a person confirmed. Before every
 * POST, reads what runs: when it is no longer that operation, sends nothing and ends `NotSent`
 * (`confirmedStillRuns`). When the answer is lost, reads the
 * operation: a cancel that took (canceled, cancelling, or the operation already ended) continues as
 * `AnswerLost`, having sent one POST; an operation still running with no cancel under way gets the
 * cancel again, up to `maxCancelRequests` in all; anything else fails with CancelUnconfirmed.
 */
export const requestCancel = Effect.fn("requestCancel")(function*(
  offer: OfferRef,
  operationId: string,
  options: CancelRequestOptions = {}
): Effect.fn.Return<CancelResult | NotSent, HttpFailure | InvalidInput | CancelUnconfirmed, CppClient> {
  const client = yield* CppClient
  const settings = yield* CppConfig
  const unconfirmed = (why: string) =>
    new CancelUnconfirmed({
      offer: offer.toString(),
      operationId,
      message: `the cancel of ${operationId} on ${offer} may or may not have been taken: ${why}`
    })

  /** What to continue with when a cancel may have reached the service, or undefined to send one. */
  const reconcile = Effect.fnUntraced(function*(doubt: string) {
    // Give a request that timed out a moment to land before asking what it did.
    yield* Effect.sleep(settings.retryBase)
    const read = yield* Effect.result(client.getOperation({ offer, operationId }))
    if (Result.isFailure(read)) return yield* unconfirmed(`${doubt} and reading the operation failed (${read.failure.message})`)
    const evidence = cancelEvidence(read.success)
    switch (evidence._tag) {
      case "Taken":
        return { _tag: "AnswerLost", operation: evidence.operation } as const
      case "Unknown":
        return yield* unconfirmed(`${doubt} and ${evidence.reason}`)
      case "NotTaken":
        return undefined
    }
  })

  if (options.attemptedBefore === true) {
    const reconciled = yield* reconcile("an earlier attempt may have reached the service")
    if (reconciled !== undefined) return reconciled
  }
  const send = { notificationEmails: options.notificationEmails }
  let inDoubt = options.attemptedBefore === true
  let lastLost = ""
  for (let sent = 1; sent <= maxCancelRequests; sent++) {
    const changed = yield* confirmedStillRuns(offer, operationId)
    if (changed !== undefined) return { _tag: "NotSent", outcome: changed } as const
    const answer = yield* Effect.result(client.cancelOffer(offer, send))
    if (Result.isSuccess(answer)) return answer.success
    const error = answer.failure
    const lost = answerLost(error)
    // The service's refusal of a cancel is its answer, unless an earlier one may have landed late
    // (then the refusal may only say that one is under way).
    if (!lost && !inDoubt) return yield* error
    const reconciled = yield* reconcile(lost ? `its answer was lost (${error.message})` : `a repeated cancel was refused (${error.message})`)
    if (reconciled !== undefined) return reconciled
    if (!lost) return yield* error
    inDoubt = true
    lastLost = error.message
    yield* Effect.logDebug(`the answer to cancel ${sent} was lost and ${operationId} still runs with no cancel under way`)
  }
  return yield* unconfirmed(
    `${maxCancelRequests} cancels got no answer (${lastLost}) and the operation still runs with no cancel under way`
  )
})
