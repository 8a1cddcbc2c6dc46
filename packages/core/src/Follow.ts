/**
 * The one follow rule, as a pure step: from what was last read, what to read next and after how
 * long, or that the story has ended (or its deadline passed). A cancellation follows its cancel
 * operation (after a 202 that named one) and then the cancelled operation; a watch follows one
 * operation. Each runner drives it: the stream in AwaitOperation.ts, the bot's durable workflow.
 */
import { Duration, Option } from "effect"
import { OperationFailed, WaitTimeout } from "./CppError.ts"
import type { Operation } from "./Operation.ts"
import { isTerminal } from "./OperationStatus.ts"
import { lastSeen, type LastSeen } from "./Outcome.ts"
import { initialPollState, nextPoll, type PollAnswer, type PollPlan, type PollState } from "./Polling.ts"
import type { Progress } from "./Progress.ts"
import { encodeResumeToken } from "./ResumeToken.ts"
import { clampDuration } from "./RetryAfter.ts"
import { operationName } from "./Remedy.ts"
import { englishCoreTranslator as english } from "./i18n/Translator.ts"

/** One operation to follow to its end; the subject says whose it is. */
export interface FollowStage {
  readonly subject: Progress["subject"]
  /** The absolute URL to read. */
  readonly location: string
}

export interface FollowPlan extends PollPlan {
  /** In order: the cancel operation (if any), then the operation watched or cancelled. */
  readonly stages: ReadonlyArray<FollowStage>
  /** Carried into resume tokens so a later `watch` can say which offer it is. */
  readonly offer?: string | undefined
  /** Carried into resume tokens: the follow is a cancel's. */
  readonly cancellation?: boolean | undefined
}

/** Where a follow is: which stage, its pacing, and the last read of each subject. */
export interface Following {
  readonly stage: number
  readonly poll: PollState
  readonly seen: LastSeen
}

export type FollowNext =
  /** Wait `delay`, then read `stage`. */
  | { readonly _tag: "Read"; readonly stage: FollowStage; readonly delay: Duration.Duration; readonly following: Following }
  /** The story is over: decide the outcome from `seen`; `failed` is the read that ended it failed, if one did. */
  | { readonly _tag: "Ended"; readonly seen: LastSeen; readonly failed: Progress | undefined }
  /** The deadline passed with `last` still running. */
  | { readonly _tag: "DeadlinePassed"; readonly following: Following; readonly last: Progress }

/**
 * The token that continues this follow from `stage` in another process: the same deadline, and the
 * operation after a cancel operation (version 2). Without a deadline, a fresh wait (after a timeout).
 */
export const followToken = (plan: FollowPlan, stage: number, deadline: number | undefined): string => {
  const last = plan.stages[plan.stages.length - 1]!
  return encodeResumeToken({
    location: plan.stages[stage]!.location,
    ...(deadline === undefined ? {} : { deadline }),
    ...(plan.offer === undefined ? {} : { offer: plan.offer }),
    ...(stage < plan.stages.length - 1 ? { canceled: last.location } : {}),
    ...(plan.cancellation === true ? { cancel: true } : {})
  })
}

/** The first read: after `firstDelay` (a 202's Retry-After, within bounds), never past the deadline. */
export const startFollowing = (plan: FollowPlan, now: number, firstDelay: Option.Option<Duration.Duration>): FollowNext => ({
  _tag: "Read",
  stage: plan.stages[0]!,
  delay: Duration.min(
    Option.match(firstDelay, {
      onNone: () => Duration.zero,
      onSome: (wish) => clampDuration(wish, { min: plan.settings.retryAfterMin, max: plan.settings.retryAfterMax })
    }),
    Duration.millis(Math.max(0, plan.deadline - now))
  ),
  following: { stage: 0, poll: initialPollState, seen: {} }
})

/** The element a read gives, with the token that resumes this very follow. */
export const followProgress = (plan: FollowPlan, following: Following, operation: Operation): Progress => {
  const stage = plan.stages[following.stage]!
  return { operation, location: stage.location, resumeToken: followToken(plan, following.stage, plan.deadline), subject: stage.subject }
}

/**
 * After a read of the current stage: an end moves to the next stage at once (the cancelled operation
 * may lag behind its cancel operation, and the 202's Retry-After was for that one) or ends the
 * story; a failed read ends it (a failed cancel leaves the operation running); otherwise the next
 * read of the same stage, paced by Polling.ts, or the deadline.
 */
export const afterRead = (plan: FollowPlan, following: Following, progress: Progress, answer: PollAnswer): FollowNext => {
  const seen = lastSeen(following.seen, progress)
  const state = progress.operation.state
  if (state === "failed") return { _tag: "Ended", seen, failed: progress }
  if (isTerminal(state)) {
    const next = following.stage + 1
    return next < plan.stages.length
      ? { _tag: "Read", stage: plan.stages[next]!, delay: Duration.zero, following: { stage: next, poll: initialPollState, seen } }
      : { _tag: "Ended", seen, failed: undefined }
  }
  const decision = nextPoll(following.poll, answer, plan)
  return decision._tag === "DeadlinePassed"
    ? { _tag: "DeadlinePassed", following: { ...following, seen }, last: progress }
    : { _tag: "Read", stage: plan.stages[following.stage]!, delay: decision.delay, following: { ...following, poll: decision.state, seen } }
}

/** The deadline passed: what was last seen, and a token for a fresh wait from the same place. */
export const followTimeout = (plan: FollowPlan, following: Following, last: Operation | undefined): WaitTimeout =>
  new WaitTimeout({
    location: plan.stages[following.stage]!.location,
    ...(last === undefined ? {} : { operation: last }),
    resumeToken: followToken(plan, following.stage, undefined),
    message: `the operation was still ${last?.status ?? "not read"} when the wait's deadline passed`
  })

/**
 * A follow that ended on a failed read, as an error: a failed cancel operation (the operation still
 * runs) or a failed operation. English, since it is also the error's JSON `message` (a machine contract).
 */
export const followFailure = (plan: FollowPlan, failed: Progress): OperationFailed =>
  new OperationFailed({
    location: failed.location,
    operation: failed.operation,
    message: failed.subject === "cancel"
      ? english.t("core.cancellationFailed", {
        offer: plan.offer ?? "none",
        operation: operationName(english, failed.operation),
        status: failed.operation.status
      })
      : `the operation ended ${failed.operation.status}`
  })
