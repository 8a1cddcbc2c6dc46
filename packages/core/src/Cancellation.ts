/**
 * The cancel story both faces tell: find what runs on the offer, cancel it, and follow it to a
 * confirmed end. A 202 is followed through its cancel operation and then the cancelled operation
 * until it too is terminal; a 200, a 202 without a location, or a lost answer that reconciliation
 * showed taken (`requestCancel`) is confirmed by reading the cancelled operation until it is terminal.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import { type CancelResult, CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import { type HttpFailure, OperationFailed } from "./CppError.ts"
import { operationLocation } from "./Location.ts"
import type { OfferRef } from "./OfferRef.ts"
import type { Operation, Submission } from "./Operation.ts"
import { operationProgress, type WaitError, type WaitOptions } from "./AwaitOperation.ts"

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

/**
 * Every snapshot from the cancel until it is confirmed. The last element is the cancelled operation
 * as the service reports it at the end (or the cancel operation, when the cancelled one is unknown).
 * A failed snapshot is emitted and then ends the story with OperationFailed: after a failed cancel
 * operation the cancelled one would only keep running.
 */
export const cancellationProgress = (
  offer: OfferRef,
  result: CancelResult,
  canceledOperationId: Option.Option<string>,
  options: WaitOptions = {}
): Stream.Stream<Operation, WaitError | OperationFailed, CppClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const settings = yield* CppConfig
    const now = yield* Clock.currentTimeMillis
    // One deadline for the whole story, however many operations it follows.
    const wait: WaitOptions = {
      offer: offer.toString(),
      ...options,
      deadline: options.deadline ?? now + Duration.toMillis(options.timeout ?? settings.waitTimeout)
    }
    const follow = (location: string, extra: WaitOptions = {}) =>
      operationProgress(location, { ...wait, ...extra }).pipe(
        Stream.flatMap((operation) =>
          operation.state === "failed"
            ? Stream.concat(Stream.succeed(operation), Stream.fail(cancellationFailed(offer, location, operation)))
            : Stream.succeed(operation)
        )
      )
    const original = Option.map(canceledOperationId, (id) => follow(operationLocation(offer, id, settings)))
    if (result._tag === "Accepted" && Option.isSome(result.location)) {
      const cancelOperation = follow(result.location.value, { firstDelay: result.retryAfter })
      // The cancelled operation may lag behind its cancel operation: follow it to its own end too.
      return Option.match(original, {
        onNone: () => cancelOperation,
        onSome: (originalProgress) => Stream.concat(cancelOperation, originalProgress)
      })
    }
    return Option.getOrElse(original, () => Stream.empty)
  }))

const cancellationFailed = (offer: OfferRef, location: string, operation: Operation) =>
  new OperationFailed({
    location,
    operation,
    message: `the cancellation on ${offer} failed: ${operation.submissionType ?? "operation"} ${operation.id ?? ""} ended ${operation.status}`
  })

/** Runs `cancellationProgress` to its end: the final snapshot, or OperationFailed if the cancel failed. */
export const awaitCancellation = (
  offer: OfferRef,
  result: CancelResult,
  canceledOperationId: Option.Option<string>,
  options: WaitOptions = {}
): Effect.Effect<Option.Option<Operation>, WaitError | OperationFailed, CppClient> =>
  Stream.runLast(cancellationProgress(offer, result, canceledOperationId, options))
