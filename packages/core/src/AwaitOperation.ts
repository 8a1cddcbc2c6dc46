/**
 * Waiting for an operation to end. `operationProgress` is a Stream of every snapshot read, each with
 * its location and a resume token, ending with the first terminal one; a `failed` one is emitted and
 * then ends the stream with OperationFailed. `awaitOperation` runs it to its last snapshot.
 * Polling.ts decides when to poll; this loop sleeps and reads. The deadline bounds everything: no
 * sleep passes it and a request still in flight at it is aborted, ending the wait in WaitTimeout
 * with a resume token. Interruption stops it at once, mid-sleep or mid-request too.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import { CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import { type HttpFailure, type InvalidInput, OperationFailed, WaitTimeout } from "./CppError.ts"
import type { Operation } from "./Operation.ts"
import { isTerminal } from "./OperationStatus.ts"
import { initialPollState, nextPoll, type PollPlan, type PollState } from "./Polling.ts"
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
  /** Carried into resume tokens: the operation this cancel operation cancels, to follow after it (version 2). */
  readonly canceled?: string | undefined
}

export type WaitError = HttpFailure | InvalidInput | WaitTimeout

/** The read at the deadline itself gets this long to answer, so the service has the last word. */
export const finalReadGrace = Duration.seconds(1)

/**
 * Runs `effect` until the epoch-ms `deadline`: still running then, it is interrupted (a request in
 * flight is aborted, a retry's sleep cut) and fails with `orElse()`; a deadline already passed
 * fails at once, before it starts.
 */
export const untilDeadline = <E2>(deadline: number, orElse: () => E2) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    now >= deadline
      ? Effect.fail(orElse())
      : Effect.timeoutOrElse(effect, { duration: Duration.millis(deadline - now), orElse: () => Effect.fail(orElse()) }))

interface Loop {
  readonly poll: PollState
  readonly delay: Duration.Duration
  readonly last: Operation | undefined
  readonly end: "running" | "done" | "deadline"
}

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
    const plan: PollPlan = {
      settings,
      deadline,
      interval: options.pollInterval === undefined ? undefined : Duration.fromInputUnsafe(options.pollInterval)
    }
    const carried = {
      ...(options.offer === undefined ? {} : { offer: options.offer }),
      ...(options.canceled === undefined ? {} : { canceled: options.canceled })
    }
    const timeout = (last: Operation | undefined) =>
      new WaitTimeout({
        location: url,
        ...(last === undefined ? {} : { operation: last }),
        resumeToken: encodeResumeToken({ location: url, ...carried }),
        message: `the operation was still ${last?.status ?? "not read"} when the wait's deadline passed`
      })

    // A request (with its retries and their Retry-After sleeps) ends at the deadline, or for the
    // read at the deadline itself, a moment after it.
    const boundedPoll = (last: Operation | undefined) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        client.pollOperation(url).pipe(
          Effect.timeoutOrElse({
            duration: deadline > now ? Duration.millis(deadline - now) : finalReadGrace,
            orElse: () => Effect.fail(timeout(last))
          })
        ))

    const step = (loop: Loop) =>
      Effect.gen(function*() {
        if (loop.end === "done") return undefined
        if (loop.end === "deadline") return yield* timeout(loop.last)
        yield* Effect.sleep(loop.delay)
        const poll = yield* boundedPoll(loop.last)
        if (isTerminal(poll.operation.state)) return [poll.operation, { ...loop, last: poll.operation, end: "done" }] as const
        const at = yield* Clock.currentTimeMillis
        const decision = nextPoll(loop.poll, { at, retryAfter: poll.retryAfter }, plan)
        const next: Loop = decision._tag === "DeadlinePassed"
          ? { ...loop, last: poll.operation, end: "deadline" }
          : { poll: decision.state, delay: decision.delay, last: poll.operation, end: "running" }
        return [poll.operation, next] as const
      })

    const firstDelay = Duration.min(
      Option.match(options.firstDelay ?? Option.none(), {
        onNone: () => Duration.zero,
        onSome: (wish) => clampDuration(wish, { min: settings.retryAfterMin, max: settings.retryAfterMax })
      }),
      Duration.millis(Math.max(0, deadline - startedAt))
    )
    // Each element resumes this very wait: same location, same deadline.
    const resumeToken = encodeResumeToken({ location: url, deadline, ...carried })
    const progress = (operation: Operation): Progress => ({ operation, location: url, resumeToken, subject: "operation" })
    return Stream.unfold<Loop, Operation, WaitError, never>(
      { poll: initialPollState, delay: firstDelay, last: undefined, end: "running" },
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
