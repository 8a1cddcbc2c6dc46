/**
 * When a failed attempt is tried again: exponential backoff with jitter, capped, at most
 * `retries` times, only while the attempt says it may be retried, and after the server's
 * Retry-After (already clamped) when it gave one.
 */
import { Duration, Effect, Option, Schedule } from "effect"
import type { CppSettings } from "./CppConfig.ts"
import type { HttpFailure } from "./CppError.ts"

/** A failed attempt, before retry decides whether to try again. */
export interface Attempt {
  readonly error: HttpFailure
  readonly retryable: boolean
  readonly retryAfter: Option.Option<Duration.Duration>
}

export const retrySchedule = (config: CppSettings) =>
  Schedule.exponential(config.retryBase, 2).pipe(
    Schedule.jittered,
    Schedule.setInputType<Attempt>(),
    Schedule.while(({ input }) => input.retryable),
    Schedule.modifyDelay(({ input, duration }) =>
      Effect.succeed(Option.getOrElse(input.retryAfter, () => Duration.min(duration, config.retryCap)))
    ),
    Schedule.upTo({ times: config.retries })
  )
