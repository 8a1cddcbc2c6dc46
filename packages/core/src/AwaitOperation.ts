/**
 * Waiting for an operation to end. `operationProgress` is a Stream of every snapshot read, each with
 * its location and a resume token, ending with the first terminal one; a `failed` one is emitted and
 * then ends the stream with OperationFailed. `awaitOperation` runs it to its last snapshot.
 * Polls honour Retry-After within bounds, else back off from pollInitial to pollMax. A deadline
 * ends the wait with WaitTimeout and a resume token; interruption stops it at once, mid-sleep too.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import { CppClient } from "./CppClient.ts"
import { CppConfig, type CppSettings } from "./CppConfig.ts"
import { type HttpFailure, type InvalidInput, OperationFailed, WaitTimeout } from "./CppError.ts"
import type { Operation } from "./Operation.ts"
import { isTerminal } from "./OperationStatus.ts"
import type { Progress } from "./Progress.ts"
import { encodeResumeToken } from "./ResumeToken.ts"
import { clampDuration } from "./RetryAfter.ts"

export interface WaitOptions {
  /** How long to wait from now; CppConfig.waitTimeout when absent. */
  readonly timeout?: Duration.Input | undefined
  /** An absolute deadline in epoch ms (from a resume token); wins over `timeout`. */
  readonly deadline?: number | undefined
  /** A fixed interval between polls instead of the backoff. */
  readonly pollInterval?: Duration.Input | undefined
  /** Wait this long before the first poll (e.g. the Retry-After of a 202). */
  readonly firstDelay?: Option.Option<Duration.Duration> | undefined
  /** Carried into resume tokens so a later `watch` can say which offer it is. */
  readonly offer?: string | undefined
}

export type WaitError = HttpFailure | InvalidInput | WaitTimeout

interface PollState {
  readonly polls: number
  readonly delay: Duration.Duration
  readonly last: Operation | undefined
  readonly done: boolean
}

/** The delay before poll number `polls + 1` when the server expressed no wish. */
export const backoff = (polls: number, settings: CppSettings, interval?: Duration.Input): Duration.Duration =>
  interval !== undefined
    ? Duration.fromInputUnsafe(interval)
    : Duration.min(Duration.times(settings.pollInitial, 1.5 ** polls), settings.pollMax)

export const operationProgress = (
  location: string,
  options: WaitOptions = {}
): Stream.Stream<Progress, WaitError | OperationFailed, CppClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const client = yield* CppClient
    const settings = yield* CppConfig
    const url = yield* client.resolveLocation(location)
    const startedAt = yield* Clock.currentTimeMillis
    const deadline = options.deadline ??
      startedAt + Duration.toMillis(options.timeout ?? settings.waitTimeout)
    const timeout = (last: Operation | undefined) =>
      new WaitTimeout({
        location: url,
        ...(last === undefined ? {} : { operation: last }),
        resumeToken: encodeResumeToken({ location: url, ...(options.offer === undefined ? {} : { offer: options.offer }) }),
        message: `the operation was still ${last?.status ?? "not read"} when the wait's deadline passed`
      })

    const step = (state: PollState) =>
      Effect.gen(function*() {
        if (state.done) return undefined
        const now = yield* Clock.currentTimeMillis
        // Sleep no later than the deadline, then read once more: the last word is the service's.
        if (state.polls > 0 && now >= deadline) return yield* timeout(state.last)
        yield* Effect.sleep(Duration.min(state.delay, Duration.millis(Math.max(0, deadline - now))))
        const poll = yield* client.pollOperation(url)
        const done = isTerminal(poll.operation.state)
        const wish = Option.map(
          poll.retryAfter,
          (d) => clampDuration(d, { min: settings.retryAfterMin, max: settings.retryAfterMax })
        )
        const next: PollState = {
          polls: state.polls + 1,
          delay: Option.getOrElse(wish, () => backoff(state.polls, settings, options.pollInterval)),
          last: poll.operation,
          done
        }
        return [poll.operation, next] as const
      })

    const firstDelay = Option.getOrElse(options.firstDelay ?? Option.none(), () => Duration.zero)
    // Each element resumes this very wait: same location, same deadline.
    const resumeToken = encodeResumeToken({
      location: url,
      deadline,
      ...(options.offer === undefined ? {} : { offer: options.offer })
    })
    const progress = (operation: Operation): Progress => ({ operation, location: url, resumeToken, subject: "operation" })
    return Stream.unfold<PollState, Operation, WaitError, never>(
      { polls: 0, delay: firstDelay, last: undefined, done: false },
      step
    ).pipe(
      Stream.flatMap((operation) =>
        operation.state === "failed"
          ? Stream.concat(
            Stream.succeed(progress(operation)),
            Stream.fail(new OperationFailed({ location: url, operation, message: `the operation ended ${operation.status}` }))
          )
          : Stream.succeed(progress(operation))
      )
    )
  }))

/** Waits for the operation's end: its final snapshot, or OperationFailed / WaitTimeout. */
export const awaitOperation = (
  location: string,
  options: WaitOptions = {}
): Effect.Effect<Operation, WaitError | OperationFailed, CppClient> =>
  operationProgress(location, options).pipe(
    Stream.runLast,
    Effect.flatMap(Option.match({
      onNone: () => Effect.die("an operation wait ended without reading the operation"),
      onSome: (progress) => Effect.succeed(progress.operation)
    }))
  )
