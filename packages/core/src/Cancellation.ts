/**
 * The cancel story both faces tell: find what runs on the offer, cancel it, and follow it to a
 * confirmed end, decided as an Outcome. A 202 is followed through its cancel operation and then the
 * cancelled operation until it too is terminal; a 200, a 202 without a location, or a lost answer that
 * reconciliation showed taken (`requestCancel`) is confirmed by reading the cancelled operation until
 * it is terminal.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import { followStages, type WaitError, type WaitOptions } from "./AwaitOperation.ts"
import { type CancelResult, CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import type { HttpFailure, OperationFailed } from "./CppError.ts"
import { operationLocation } from "./Location.ts"
import type { OfferRef } from "./OfferRef.ts"
import type { Operation, Submission } from "./Operation.ts"
import { isTerminal } from "./OperationStatus.ts"
import type { FollowStage } from "./Follow.ts"
import { decideOutcome, lastSeen, type LastSeen, Outcome } from "./Outcome.ts"
import type { Progress } from "./Progress.ts"
import { encodeResumeToken } from "./ResumeToken.ts"

/** The offer's running operation, newest first if the service lists more than one. */
export const findRunningOperation = (offer: OfferRef): Effect.Effect<Option.Option<Submission>, HttpFailure, CppClient> =>
  CppClient.use((client) => client.listSubmissions(offer, { status: "running" })).pipe(
    Effect.map((submissions) =>
      Option.fromUndefinedOr(
        [...submissions]
          .filter((submission) => submission.state === "running")
          .sort((a, b) => (b.changedTime ?? "").localeCompare(a.changedTime ?? ""))[0]
      )
    )
  )

/** What runs on an offer, as a person is shown it before confirming. */
export interface RunningOperation {
  readonly submission: Submission
  /** Its detail with steps, when it could be read (the list alone is enough to act). */
  readonly operation: Operation | undefined
  readonly location: string
}

/**
 * The one "what runs" read: the running operation with its detail (whose cancellationRequestState
 * each face words as `cancellationWarning` in its reader's language). `detail: false` skips the
 * detail, for a caller that shows nothing before acting.
 */
export const readRunning = Effect.fn("readRunning")(function*(offer: OfferRef, options: { readonly detail?: boolean } = {}) {
  const found = yield* findRunningOperation(offer)
  if (Option.isNone(found)) return Option.none<RunningOperation>()
  const settings = yield* CppConfig
  const submission = found.value
  const operation = options.detail === false ? undefined : yield* CppClient.use((client) => client.getOperation({ offer, operationId: submission.id })).pipe(
    Effect.map((operation): Operation | undefined => operation),
    Effect.catch((error) => Effect.logWarning(`cannot read operation ${submission.id}: ${error._tag}`).pipe(Effect.as(undefined)))
  )
  return Option.some<RunningOperation>({
    submission,
    operation,
    location: operationLocation(offer, submission.id, settings)
  })
})

/**
 * The cancel operation (if any) and then the cancelled operation, under one deadline: the core's
 * follow step (Follow.ts) run as a stream. Every element carries a resume token that continues from
 * it: during the cancel operation a version 2 token that follows both. A failed snapshot ends the
 * stream with OperationFailed (`followFailure`).
 */
export const followCancellation = (
  target: { readonly cancelLocation: Option.Option<string>; readonly canceledLocation: Option.Option<string> },
  wait: WaitOptions & { readonly deadline: number }
): Stream.Stream<Progress, WaitError | OperationFailed, CppClient> => {
  const stages: ReadonlyArray<FollowStage> = [
    ...Option.toArray(Option.map(target.cancelLocation, (location): FollowStage => ({ subject: "cancel", location }))),
    ...Option.toArray(Option.map(target.canceledLocation, (location): FollowStage => ({ subject: "operation", location })))
  ]
  if (stages.length === 0) return Stream.empty
  return followStages(stages, { ...wait, cancellation: true })
}

/**
 * Every snapshot from the cancel until it is confirmed. A failed snapshot ends the stream without
 * an error: whether it means a failed cancel or an operation that failed first is the Outcome's to say.
 */
export const cancellationProgress = (
  offer: OfferRef,
  result: CancelResult,
  canceledOperationId: Option.Option<string>,
  options: WaitOptions = {}
): Stream.Stream<Progress, WaitError, CppClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const wait = yield* storyWait(offer, options)
    const settings = yield* CppConfig
    return followCancellation({
      cancelLocation: result._tag === "Accepted" ? result.location : Option.none(),
      canceledLocation: Option.map(canceledOperationId, (id) => operationLocation(offer, id, settings))
    }, { ...wait, firstDelay: result._tag === "Accepted" ? result.retryAfter : Option.none() }).pipe(
      Stream.catchTag("OperationFailed", () => Stream.empty)
    )
  }))

// One deadline for the whole story, however many operations it follows.
const storyWait = (offer: OfferRef, options: WaitOptions) =>
  Effect.gen(function*() {
    const settings = yield* CppConfig
    const now = yield* Clock.currentTimeMillis
    return {
      offer: offer.toString(),
      ...options,
      deadline: options.deadline ?? now + Duration.toMillis(options.timeout ?? settings.waitTimeout)
    }
  })

/**
 * After a sent cancel whose confirmed operation ended on its own (EndedFirst): the POST names only
 * the offer, so if another operation started meanwhile the cancel stopped that one. The offer's
 * list, by the service's own clock, shows an operation other than the confirmed one cancelled since
 * it ended: then the Outcome says so (OperationChanged with `canceledInstead`). A list that cannot
 * be read leaves the Outcome as it was.
 */
export const canceledInstead = Effect.fn("canceledInstead")(function*(offer: OfferRef, outcome: Outcome) {
  if (outcome._tag !== "EndedFirst") return outcome
  const endedAt = outcome.operation.lastActionDateTime
  if (endedAt === undefined) return outcome
  const submissions = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(
    Effect.catch((error) => Effect.logWarning(`cannot check what the cancel stopped: ${error._tag}`).pipe(Effect.as([])))
  )
  const other = [...submissions]
    .filter((submission) => submission.id !== outcome.operation.id && submission.state === "canceled" && (submission.changedTime ?? "") >= endedAt)
    .sort((a, b) => (b.changedTime ?? "").localeCompare(a.changedTime ?? ""))[0]
  return other === undefined ? outcome : Outcome.cases.OperationChanged.make({
    offer: outcome.offer,
    location: outcome.location,
    operationId: outcome.operation.id ?? "",
    operation: outcome.operation,
    canceledInstead: other
  })
})

/** Runs a cancellation's progress (as the face shows it) to its end and decides the Outcome. */
export const cancellationOutcome = (offer: OfferRef, result: CancelResult, canceledOperationId: string) =>
<E, R>(progress: Stream.Stream<Progress, E, R>): Effect.Effect<Outcome, E, R | CppClient> =>
  Effect.gen(function*() {
    const settings = yield* CppConfig
    const seen = yield* Stream.runFold(progress, (): LastSeen => ({}), lastSeen)
    return yield* canceledInstead(offer, decideOutcome(offer.toString(), result, seen, operationLocation(offer, canceledOperationId, settings)))
  })

/** Follows the cancel to its end: the Outcome, or a WaitTimeout (with a resume token) or HTTP failure. */
export const awaitCancellation = (
  offer: OfferRef,
  result: CancelResult,
  canceledOperationId: string,
  options: WaitOptions = {}
): Effect.Effect<Outcome, WaitError, CppClient> =>
  cancellationProgress(offer, result, Option.some(canceledOperationId), options).pipe(
    cancellationOutcome(offer, result, canceledOperationId)
  )

/**
 * The Outcome of a cancel nobody waits for: a 200 is the service's word that it is cancelled; a 202
 * is Accepted, with a resume token that follows the cancel operation and then the cancelled one.
 */
export const acceptedOutcome = Effect.fn("acceptedOutcome")(function*(
  offer: OfferRef,
  result: CancelResult,
  canceledOperationId: string
) {
  if (result._tag === "Canceled") return Outcome.cases.Canceled.make({ offer: offer.toString() })
  const settings = yield* CppConfig
  const canceled = operationLocation(offer, canceledOperationId, settings)
  // A lost answer was reconciled by reading the operation: an end it read is already the outcome.
  if (result._tag === "AnswerLost" && isTerminal(result.operation.state)) {
    const read: Progress = { operation: result.operation, location: canceled, resumeToken: "", subject: "operation" }
    return decideOutcome(offer.toString(), result, { operation: read }, canceled)
  }
  const resumeToken = Option.match(result._tag === "Accepted" ? result.location : Option.none(), {
    onNone: () => encodeResumeToken({ location: canceled, offer: offer.toString(), cancel: true }),
    onSome: (location) => encodeResumeToken({ location, canceled, offer: offer.toString(), cancel: true })
  })
  return Outcome.cases.Accepted.make({
    offer: offer.toString(),
    location: result._tag === "Accepted" ? Option.getOrElse(result.location, () => canceled) : canceled,
    resumeToken
  })
})

/** The Outcome when nothing ran, so no cancel was sent. */
export const nothingRunning = (offer: OfferRef): Outcome => Outcome.cases.NothingRunning.make({ offer: offer.toString() })
