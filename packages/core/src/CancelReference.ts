/**
 * The cancel story for any reference, on whichever API it lives: what runs, a cancel of the confirmed
 * operation sent only after it is read again, its lost answer reconciled (never sent twice when it
 * took), and the follow to a confirmed end decided as the one Outcome. The follow is the story's own
 * (`followCancellation`, `resumeWait`): `routedLocations` lets it read any API's location.
 */
import { Clock, Duration, Effect, Layer, Option, Result, Stream } from "effect"
import type { WaitError, WaitOptions } from "./AwaitOperation.ts"
import { Backends, type BackendService, type Refusal, refusalText, type Running } from "./Backend.ts"
import { followCancellation } from "./Cancellation.ts"
import { type CancelResult, CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import { CancelUnconfirmed, type HttpFailure, InvalidInput } from "./CppError.ts"
import { isTerminal } from "./OperationStatus.ts"
import { decideOutcome, lastSeen, type LastSeen, Outcome } from "./Outcome.ts"
import type { Progress } from "./Progress.ts"
import { type Reference, referenceText } from "./Reference.ts"
import { encodeResumeToken } from "./ResumeToken.ts"
import { answerLost, maxCancelRequests } from "./CancelRequest.ts"

/** What runs on a reference now, newest first: the one read every face shows before confirming. */
export const whatRuns = (reference: Reference) =>
  Backends.use((backends) => backends.forReference(reference).running(reference))

/** Where the one operation a reference names is read (`job:<jobId>`), for `watch`; else InvalidInput. */
export const referenceLocation = (reference: Reference) =>
  Backends.use((backends) => {
    const location = backends.forReference(reference).locationOf?.(reference)
    return location === undefined
      ? Effect.fail(new InvalidInput({
        message: `${referenceText(reference)} names no single operation to watch: watch job:<jobId>, a location or a resume token`
      }))
      : Effect.succeed(location)
  })

/**
 * The story's reads of a location go to the API that owns it: CppClient with its `pollOperation`
 * and `resolveLocation` routed, so the follow, the wait and `watch` of a resume token work unchanged
 * for every API. CPP's own calls stay CPP's.
 */
export const routedLocations: Layer.Layer<CppClient, never, CppClient | Backends> = Layer.effect(
  CppClient,
  Effect.gen(function*() {
    const cpp = yield* CppClient
    const backends = yield* Backends
    return CppClient.of({
      ...cpp,
      pollOperation: (location) => Effect.flatMap(backends.forLocation(location), (backend) => backend.pollOperation(location)),
      resolveLocation: (location) =>
        Effect.flatMap(backends.forLocation(location), (backend) => backend.resolveLocation(location))
    })
  })
)

/** What the cancel request came to before the follow: the service's answer, or an Outcome with nothing more to follow. */
type Sent = { readonly _tag: "Sent"; readonly result: CancelResult } | { readonly _tag: "Ended"; readonly outcome: Outcome }

/**
 * Reads the confirmed operation again, then sends its cancel: a refusal known before any request
 * (published, publishing, promoted) or an operation that ended meanwhile ends here with nothing sent;
 * the API's refusal (its `refusalStatuses`) is CancelFailed with its words; a lost answer is
 * reconciled by reading the operation, and the cancel is sent again only when the read shows it did
 * not take (at most `maxCancelRequests` in all).
 */
const sendCancel = Effect.fn("sendCancel")(function*(backend: BackendService, confirmed: Running, attemptedBefore: boolean) {
  const offer = referenceText(confirmed.reference)
  const refused = (reason: Refusal | string, operation = confirmed.operation): Sent => ({
    _tag: "Ended",
    outcome: Outcome.cases.CancelFailed.make({
      offer,
      location: confirmed.location,
      operation,
      reason: typeof reason === "string" ? reason : refusalText(reason)
    })
  })
  if (confirmed.refusal !== undefined) return refused(confirmed.refusal)
  const settings = yield* CppConfig
  const unconfirmed = (why: string) =>
    new CancelUnconfirmed({
      offer,
      operationId: confirmed.operation.id ?? "",
      message: `the cancel of ${confirmed.operation.id ?? "the operation"} on ${offer} may or may not have been taken: ${why}`
    })

  // The re-check before every request: what runs must still be the confirmed operation, cancellable.
  const recheck = Effect.fnUntraced(function*() {
    const now = (yield* backend.running(confirmed.reference)).find((running) => running.operation.id === confirmed.operation.id)
    if (now !== undefined) return now.refusal === undefined ? undefined : refused(now.refusal, now.operation)
    const read = yield* backend.pollOperation(confirmed.location)
    const seen: LastSeen = { operation: { operation: read.operation, location: confirmed.location, resumeToken: "", subject: "operation" } }
    return isTerminal(read.operation.state)
      ? { _tag: "Ended", outcome: decideOutcome(offer, { _tag: "Canceled" }, seen, confirmed.location) } as const
      : {
        _tag: "Ended",
        outcome: Outcome.cases.OperationChanged.make({
          offer,
          location: confirmed.location,
          operationId: confirmed.operation.id ?? "",
          operation: read.operation
        })
      } as const
  })

  const reconcile = Effect.fnUntraced(function*(doubt: string) {
    yield* Effect.sleep(settings.retryBase)
    const read = yield* Effect.result(backend.pollOperation(confirmed.location))
    if (Result.isFailure(read)) return yield* unconfirmed(`${doubt} and reading it failed (${read.failure.message})`)
    const evidence = backend.cancelEvidence(read.success.operation)
    switch (evidence._tag) {
      case "Taken":
        return { _tag: "Sent", result: { _tag: "AnswerLost", operation: evidence.operation } } as const
      case "Unknown":
        return yield* unconfirmed(`${doubt} and ${evidence.reason}`)
      case "NotTaken":
        return undefined
    }
  })

  if (attemptedBefore) {
    const reconciled = yield* reconcile("an earlier attempt may have reached the service")
    if (reconciled !== undefined) return reconciled
  }
  let lastLost = ""
  for (let sent = 1; sent <= maxCancelRequests; sent++) {
    const changed = yield* recheck()
    if (changed !== undefined) return changed
    const answer = yield* Effect.result(backend.cancel(confirmed))
    if (Result.isSuccess(answer)) return { _tag: "Sent", result: answer.success } as const
    const error = answer.failure
    if (error._tag === "BadRequest" && backend.refusalStatuses.includes(error.status)) {
      return refused(`${error.status}${error.code === undefined ? "" : ` ${error.code}`}: ${error.message}`)
    }
    if (error._tag === "InvalidInput" || !answerLost(error)) return yield* error
    const reconciled = yield* reconcile(`its answer was lost (${error.message})`)
    if (reconciled !== undefined) return reconciled
    lastLost = error.message
  }
  return yield* unconfirmed(`${maxCancelRequests} cancels got no answer (${lastLost}) and it still runs`)
})

export interface CancelOptions extends WaitOptions {
  /** Follow the cancel to its confirmed end (default); false ends at the service's answer, with a resume token. */
  readonly wait?: boolean | undefined
  /** This cancel may have been sent before (a process that crashed): read first, send only if it did not take. */
  readonly attemptedBefore?: boolean | undefined
}

/**
 * The cancel of `confirmed`, sent after its re-check: the service's answer to follow (`Sent`), or
 * already the Outcome (`Ended`: refused before any request, ended first, changed, refused by the API).
 */
export const sendConfirmedCancel = (confirmed: Running, options: Pick<CancelOptions, "attemptedBefore"> = {}) =>
  Backends.use((backends) => sendCancel(backends.forReference(confirmed.reference), confirmed, options.attemptedBefore === true))

const readAt = (location: string, operation: Progress["operation"]): LastSeen => ({
  operation: { operation, location, resumeToken: "", subject: "operation" }
})

/**
 * The Outcome when nobody follows the cancel (`wait: false`), or when the answer already shows the
 * end; undefined when there is a follow to run.
 */
export const outcomeWithoutFollow = (confirmed: Running, result: CancelResult, wait: boolean): Outcome | undefined => {
  const offer = referenceText(confirmed.reference)
  // A read that already shows the end (a lost answer reconciled, a job that had completed) is the outcome.
  if (result._tag === "AnswerLost" && isTerminal(result.operation.state)) {
    return decideOutcome(offer, result, readAt(confirmed.location, result.operation), confirmed.location)
  }
  if (wait) return undefined
  if (result._tag === "Canceled") return Outcome.cases.Canceled.make({ offer, location: confirmed.location })
  const cancelLocation = result._tag === "Accepted" ? Option.getOrUndefined(result.location) : undefined
  return Outcome.cases.Accepted.make({
    offer,
    location: cancelLocation ?? confirmed.location,
    // `cancel: true`: a later `watch` of it ends as this cancel would.
    resumeToken: encodeResumeToken({
      location: cancelLocation ?? confirmed.location,
      offer,
      cancel: true,
      ...(cancelLocation === undefined ? {} : { canceled: confirmed.location })
    })
  })
}

/**
 * Every read from the service's answer to the confirmed end, on whichever API: the cancel's own
 * operation when the answer named one (CPP's 202), then the cancelled operation. A failed read ends it
 * quietly: what it means is the Outcome's to say (`referenceOutcome`).
 */
export const referenceCancellationProgress = (confirmed: Running, result: CancelResult, options: WaitOptions = {}) =>
  Stream.unwrap(Effect.gen(function*() {
    const settings = yield* CppConfig
    const now = yield* Clock.currentTimeMillis
    const deadline = options.deadline ?? now + Duration.toMillis(options.timeout ?? settings.waitTimeout)
    return followCancellation(
      { cancelLocation: result._tag === "Accepted" ? result.location : Option.none(), canceledLocation: Option.some(confirmed.location) },
      {
        ...options,
        offer: referenceText(confirmed.reference),
        deadline,
        firstDelay: result._tag === "Accepted" ? result.retryAfter : Option.none()
      }
    ).pipe(Stream.catchTag("OperationFailed", () => Stream.empty))
  })).pipe(Stream.provide(routedLocations))

/** Runs a reference's cancellation progress (as the face shows it) to its end and decides the Outcome. */
export const referenceOutcome = (confirmed: Running, result: CancelResult) =>
<E, R>(progress: Stream.Stream<Progress, E, R>): Effect.Effect<Outcome, E, R> =>
  Effect.map(
    Stream.runFold(progress, (): LastSeen => ({}), lastSeen),
    (seen) => decideOutcome(referenceText(confirmed.reference), result, seen, confirmed.location)
  )

/**
 * Cancels `confirmed` (as `whatRuns` showed it) and, unless `wait: false`, follows it to a confirmed
 * end: the one Outcome, or a WaitTimeout with a resume token, or the failure of a request.
 */
export const cancelConfirmed = (
  confirmed: Running,
  options: CancelOptions = {}
): Effect.Effect<Outcome, WaitError | CancelUnconfirmed | HttpFailure | InvalidInput, Backends | CppClient> =>
  Effect.gen(function*() {
    const sent = yield* sendConfirmedCancel(confirmed, options)
    if (sent._tag === "Ended") return sent.outcome
    const early = outcomeWithoutFollow(confirmed, sent.result, options.wait !== false)
    if (early !== undefined) return early
    return yield* referenceCancellationProgress(confirmed, sent.result, options).pipe(referenceOutcome(confirmed, sent.result))
  })
