/**
 * Waiting for operations to end: the stream that runs the core's follow step (Follow.ts), for one
 * operation (`operationProgress`, `awaitOperation`) or a cancellation's stages. Follow.ts and
 * Polling.ts decide what to read and when; this loop sleeps and reads. The deadline bounds everything: no
 * sleep passes it and a request still in flight at it is aborted, ending the wait in WaitTimeout
 * with a resume token. Interruption stops it at once, mid-sleep or mid-request too.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import { CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import type { HttpFailure, InvalidInput, OperationFailed, WaitTimeout } from "./CppError.ts"
import { afterRead, type FollowNext, type FollowPlan, type FollowStage, type Following, followFailure, followProgress, followTimeout, startFollowing } from "./Follow.ts"
import type { Operation } from "./Operation.ts"
import type { Progress } from "./Progress.ts"

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
  /** Carried into resume tokens: this wait follows a cancel, whose end `watch` tells as `cancel` does. */
  readonly cancellation?: boolean | undefined
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

/**
 * One read of a followed operation, bounded by the deadline: the request (with its retries and
 * their Retry-After sleeps) ends at the deadline or, for the read at the deadline itself, a moment
 * after it, failing with `onTimeout()`.
 */
export const readFollowed = (location: string, deadline: number, onTimeout: () => WaitTimeout) =>
  CppClient.use((client) => boundedRead(client, location, deadline, onTimeout))

const boundedRead = (client: CppClient["Service"], location: string, deadline: number, onTimeout: () => WaitTimeout) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    client.pollOperation(location).pipe(
      Effect.timeoutOrElse({
        duration: deadline > now ? Duration.millis(deadline - now) : finalReadGrace,
        orElse: () => Effect.fail(onTimeout())
      })
    ))

type Loop = FollowNext | { readonly _tag: "Failed"; readonly error: OperationFailed }

/**
 * The stream runner of the core's follow step (Follow.ts): sleeps, reads and emits each snapshot
 * until the step says the story ended. A `failed` snapshot is emitted and then ends the stream with
 * OperationFailed; the deadline ends it with WaitTimeout.
 */
export const followStages = (
  stages: ReadonlyArray<FollowStage>,
  options: WaitOptions = {}
): Stream.Stream<Progress, WaitError | OperationFailed, CppClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const client = yield* CppClient
    const settings = yield* CppConfig
    const resolved = yield* Effect.forEach(stages, (stage) =>
      Effect.map(client.resolveLocation(stage.location), (location): FollowStage => ({ ...stage, location })))
    const startedAt = yield* Clock.currentTimeMillis
    const plan: FollowPlan = {
      settings,
      deadline: options.deadline ?? startedAt + Duration.toMillis(options.timeout ?? settings.waitTimeout),
      interval: options.pollInterval === undefined ? undefined : Duration.fromInputUnsafe(options.pollInterval),
      stages: resolved,
      offer: options.offer,
      cancellation: options.cancellation
    }
    const lastRead = (following: Following) => following.seen[resolved[following.stage]!.subject === "cancel" ? "cancel" : "operation"]
    const step = (loop: Loop) =>
      Effect.gen(function*() {
        switch (loop._tag) {
          case "Ended":
            return undefined
          case "Failed":
            return yield* loop.error
          case "DeadlinePassed":
            return yield* followTimeout(plan, loop.following, loop.last.operation)
          case "Read": {
            const { following } = loop
            yield* Effect.sleep(loop.delay)
            const poll = yield* boundedRead(client, loop.stage.location, plan.deadline, () =>
              followTimeout(plan, following, lastRead(following)?.operation))
            const progress = followProgress(plan, following, poll.operation)
            const at = yield* Clock.currentTimeMillis
            const next = afterRead(plan, following, progress, { at, retryAfter: poll.retryAfter })
            const failed = next._tag === "Ended" ? next.failed : undefined
            const after: Loop = failed === undefined ? next : { _tag: "Failed", error: followFailure(plan, failed) }
            return [progress, after] as const
          }
        }
      })
    return Stream.unfold<Loop, Progress, WaitError | OperationFailed, never>(startFollowing(plan, startedAt, options.firstDelay ?? Option.none()), step)
  }))

/**
 * Every snapshot of one operation, each with its location and a resume token, ending with the
 * first terminal one; a `failed` one is emitted and then ends the stream with OperationFailed.
 */
export const operationProgress = (
  location: string,
  options: WaitOptions = {}
): Stream.Stream<Progress, WaitError | OperationFailed, CppClient> => followStages([{ subject: "operation", location }], options)

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
