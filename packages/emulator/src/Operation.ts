/**
 * One long-running operation and its state machine. The record holds only what
 * happened (when it started, when a cancel was asked for, how often it was
 * polled); `stateAt` derives everything else from the virtual time, so the
 * emulator needs no timers and any instant can be replayed.
 */
import type { StepId, StepPlan } from "./Steps.ts"

export type OperationKind = "publish" | "golive" | "cancel"

export type OperationStatus = "notStarted" | "running" | "completed" | "failed" | "canceled"

export type StepStatus = "notStarted" | "running" | "completed" | "failed" | "canceled"

/**
 * How and when the cancel of an operation ended: for a synchronous cancel at once, for an
 * asynchronous one with its cancel operation, which may fail and leave the operation running.
 */
export interface CancelEnd {
  readonly at: number
  readonly outcome: "completed" | "failed"
}

export interface Operation {
  readonly id: string
  readonly kind: OperationKind
  readonly publisherId: string
  readonly offerId: string
  readonly publishingVersion: number
  readonly offerVersion: number
  /** `{publisherId}${offerId}${publishingVersion}${slot}`, the non-migrated operation id. */
  readonly legacyId: string
  /** Orders operations created at the same virtual instant. */
  readonly sequence: number
  readonly createdAt: number
  readonly steps: ReadonlyArray<StepPlan>
  /** How long it waits in the queue, reading "notStarted", before its first step starts. */
  readonly queuedMs: number
  /** The step that fails when it would have ended. */
  readonly failAt: StepId | undefined
  readonly notificationEmails: string
  /** For a cancel operation: the operation it cancels, if anything was running. */
  readonly targetId: string | undefined
  /** For a cancel operation: it ends after this many polls or this many virtual ms, whichever first. */
  readonly completesAfter: { readonly polls: number | undefined; readonly ms: number | undefined } | undefined
  /** For a cancel operation: how it ends. */
  readonly outcome: CancelEnd["outcome"] | undefined
  /** For a publish: when the publisher went live, ending the sign-off step it waits at until then (§3.5). */
  signedOffAt: number | undefined
  /** When a cancel was requested; progress freezes there. */
  cancelRequestedAt: number | undefined
  /** For a synchronous cancel: when it took effect. An asynchronous one ends with its cancel operation. */
  canceledAt: number | undefined
  /** The cancel operation working on this one, for an asynchronous cancel. */
  cancelOperationId: string | undefined
  polls: number
  /** When the poll budget of a cancel operation ran out. */
  pollsExhaustedAt: number | undefined
}

export interface StepState {
  readonly plan: StepPlan
  readonly status: StepStatus
  readonly progressPercentage: number
  /** Set on the failed step only. */
  readonly failed: boolean
}

export interface OperationState {
  readonly status: OperationStatus
  readonly steps: ReadonlyArray<StepState>
  readonly cancelRequested: boolean
  /** The virtual instant of the last transition, for `lastActionDateTime` and `changedTime`. */
  readonly lastActionAt: number
}

export const isTerminal = (status: OperationStatus): boolean => status !== "running" && status !== "notStarted"

/**
 * Where a step ends, in ms after the operation started its first step. A publish waits at
 * publisher sign-off until the publisher goes live; its live step belongs to the go-live.
 */
const stepEnd = (op: Operation, plan: StepPlan, start: number): number => {
  if (op.kind !== "publish" || plan.id !== "publisher-signoff") return start + plan.durationMs
  return op.signedOffAt === undefined ? Infinity : Math.max(start, op.signedOffAt - op.createdAt - op.queuedMs)
}

/** The steps that must end for the operation to complete: a publish is done once signed off. */
const isOwnStep = (op: Operation, plan: StepPlan): boolean => !(op.kind === "publish" && plan.id === "live")

/** The publish is waiting at sign-off for the publisher to go live (the offer status WaitingForPublisherReview). */
export const awaitsSignoff = (op: Operation, state: OperationState): boolean =>
  op.kind === "publish" && state.status === "running" && !state.cancelRequested &&
  state.steps.some((step) => step.plan.id === "publisher-signoff" && step.status === "running")

/** When and how a cancel operation ends, if its end is already decided. */
export const cancelEnd = (op: Operation): CancelEnd | undefined => {
  const byTime = op.completesAfter?.ms === undefined ? undefined : op.createdAt + op.completesAfter.ms
  const candidates = [byTime, op.pollsExhaustedAt].filter((at): at is number => at !== undefined)
  return candidates.length === 0 ? undefined : { at: Math.min(...candidates), outcome: op.outcome ?? "completed" }
}

/**
 * The state of an operation at `now`. `cancel` is how its cancel ended, which
 * for an asynchronous cancel is decided by another operation, so the caller
 * resolves it.
 */
export const stateAt = (op: Operation, now: number, cancel: CancelEnd | undefined): OperationState => {
  if (op.kind === "cancel") {
    const end = cancelEnd(op)
    const done = end !== undefined && now >= end.at
    return {
      status: done ? end.outcome : "running",
      steps: [],
      cancelRequested: false,
      lastActionAt: done ? end.at : op.createdAt
    }
  }
  // A failed cancel leaves the operation as if it had never been asked: its step could not be interrupted.
  const refusedAt = cancel?.outcome === "failed" && now >= cancel.at ? cancel.at : undefined
  const frozenAt = refusedAt === undefined ? op.cancelRequestedAt : undefined
  const elapsed = Math.min(now, frozenAt ?? now) - op.createdAt - op.queuedMs
  const steps: Array<StepState> = []
  let start = 0
  let failedAt: number | undefined
  let lastActionAt = op.createdAt
  const startedAt = op.createdAt + op.queuedMs
  for (const plan of op.steps) {
    const end = stepEnd(op, plan, start)
    if (failedAt !== undefined || elapsed < start || !isOwnStep(op, plan)) {
      steps.push({ plan, status: "notStarted", progressPercentage: 0, failed: false })
    } else if (elapsed >= end && plan.id === op.failAt) {
      failedAt = startedAt + end
      lastActionAt = failedAt
      steps.push({ plan, status: "failed", progressPercentage: 100, failed: true })
    } else if (elapsed >= end) {
      lastActionAt = startedAt + end
      steps.push({ plan, status: "completed", progressPercentage: 100, failed: false })
    } else {
      lastActionAt = startedAt + start
      // A step that waits for the publisher shows no progress.
      const progress = end === Infinity ? 0 : Math.floor(((elapsed - start) / plan.durationMs) * 100)
      steps.push({ plan, status: "running", progressPercentage: progress, failed: false })
    }
    start = end
  }
  if (failedAt !== undefined) {
    return { status: "failed", steps, cancelRequested: false, lastActionAt }
  }
  if (steps.every((step) => step.status === "completed" || !isOwnStep(op, step.plan))) {
    return { status: "completed", steps, cancelRequested: false, lastActionAt }
  }
  if (cancel?.outcome === "completed" && now >= cancel.at) {
    return {
      status: "canceled",
      steps: steps.map((step) => step.status === "running" ? { ...step, status: "canceled" } : step),
      cancelRequested: true,
      lastActionAt: cancel.at
    }
  }
  return {
    status: elapsed < 0 ? "notStarted" : "running",
    steps,
    cancelRequested: frozenAt !== undefined,
    lastActionAt: refusedAt === undefined ? frozenAt ?? lastActionAt : Math.max(refusedAt, lastActionAt)
  }
}
