/**
 * When to ask again, as data: a pure step from what the last poll said to the delay before the
 * next one (the loop in AwaitOperation.ts only sleeps and reads). Without Retry-After the delay
 * grows with how long the service has gone without one, not with how often we asked.
 */
import { Duration, Option } from "effect"
import type { CppSettings } from "./CppConfig.ts"
import { clampDuration } from "./RetryAfter.ts"

/** The delay is this share of the time already spent without Retry-After (within pollInitial..pollMax). */
export const pollGrowth = 0.25

export interface PollPlan {
  readonly settings: Pick<CppSettings, "pollInitial" | "pollMax" | "retryAfterMin" | "retryAfterMax">
  /** A fixed interval instead of the backoff (Retry-After still wins). */
  readonly interval?: Duration.Duration | undefined
  /** Epoch ms after which no poll starts. */
  readonly deadline: number
}

export interface PollState {
  /** When the current run of answers without Retry-After began (epoch ms); undefined while the service sends one. */
  readonly quietSince: number | undefined
}

export const initialPollState: PollState = { quietSince: undefined }

/** What one poll told us about timing: when it answered and what it asked for. */
export interface PollAnswer {
  readonly at: number
  readonly retryAfter: Option.Option<Duration.Duration>
}

export type PollDecision =
  | { readonly _tag: "PollAfter"; readonly delay: Duration.Duration; readonly state: PollState }
  | { readonly _tag: "DeadlinePassed" }

/**
 * The next step after a poll that did not end the operation: sleep then poll again (never past the
 * deadline), or stop because the deadline has passed.
 */
export const nextPoll = (state: PollState, answer: PollAnswer, plan: PollPlan): PollDecision => {
  const remaining = plan.deadline - answer.at
  if (remaining <= 0) return { _tag: "DeadlinePassed" }
  const untilDeadline = Duration.millis(remaining)
  if (Option.isSome(answer.retryAfter)) {
    const { retryAfterMin: min, retryAfterMax: max } = plan.settings
    const wish = clampDuration(answer.retryAfter.value, { min, max })
    // The service speaks: its wish, and the backoff starts afresh when it falls silent.
    return { _tag: "PollAfter", delay: Duration.min(wish, untilDeadline), state: { quietSince: undefined } }
  }
  const quietSince = state.quietSince ?? answer.at
  const delay = plan.interval ?? backoff(answer.at - quietSince, plan.settings)
  return { _tag: "PollAfter", delay: Duration.min(delay, untilDeadline), state: { quietSince } }
}

/** The delay after `quietMillis` without Retry-After. */
export const backoff = (quietMillis: number, settings: PollPlan["settings"]): Duration.Duration =>
  clampDuration(Duration.millis(quietMillis * pollGrowth), { min: settings.pollInitial, max: settings.pollMax })
