/**
 * A Partner Center submission and its course over virtual time: the preview workflow
 * (validation, certification, preview creation), a wait at publisher sign-off until it is promoted
 * (or at once with `isAutoPromote`), then the live workflow. The record holds only what happened;
 * `submissionStateAt` derives state, substate and workflow steps from the clock, like CPP's operations.
 * Step names are those the notes list; durations are the emulator's choice.
 */
export type SubmissionState = "InProgress" | "Published"

/** The Swagger's substates this emulator walks through (InDraft and Failed are never reached). */
export type Substate = "Submitted" | "FailedInCertification" | "ReadyToPublish" | "Publishing" | "InStore"

/** Workflow and step states [?]: the Swagger types them as strings and documents no values. */
export type StepState = "NotStarted" | "InProgress" | "Completed" | "Failed"

export type StepName = "Automated validation" | "Certification" | "Preview Creation" | "Publisher Signoff" | "Publish"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

export const defaultStepDurationsMs: Readonly<Record<Exclude<StepName, "Publisher Signoff">, number>> = {
  "Automated validation": 10 * minute,
  Certification: 2 * day,
  "Preview Creation": 12 * hour,
  Publish: 3 * day
}

export type StepDurations = Partial<Record<Exclude<StepName, "Publisher Signoff">, number>>

export interface Submission {
  /** A large number as a string, e.g. `1152921505695125040`. */
  readonly id: string
  readonly productId: string
  readonly sequence: number
  readonly createdAt: number
  readonly durationsMs: Readonly<Record<Exclude<StepName, "Publisher Signoff">, number>>
  readonly failInCertification: boolean
  readonly isAutoPromote: boolean
  readonly releaseNumber: number
  /** When the publisher promoted it to live (POST promote). */
  promotedAt: number | undefined
  /** When it was deleted (DELETE, Partner Center's "Cancel publish"): it is gone from then on. */
  deletedAt: number | undefined
}

export interface StepView {
  readonly name: StepName
  readonly state: StepState
  readonly startedAt: number | undefined
  readonly completedAt: number | undefined
}

export interface WorkflowView {
  readonly targetEnvironment: "Preview" | "Live"
  readonly state: StepState
  readonly steps: ReadonlyArray<StepView>
  readonly startedAt: number | undefined
  readonly completedAt: number | undefined
}

export interface SubmissionView {
  readonly state: SubmissionState
  readonly substate: Substate
  /** The scope it targets now: Preview until promoted, then Live. */
  readonly target: "Preview" | "Live"
  readonly promotedAt: number | undefined
  readonly publishedAt: number | undefined
  readonly workflows: ReadonlyArray<WorkflowView>
  /** Still in progress and not yet promoted: the only submissions a DELETE may take away. */
  readonly cancellable: boolean
  /** Waiting at publisher sign-off. */
  readonly promotable: boolean
}

interface Planned {
  readonly name: StepName
  readonly start: number
  readonly end: number
}

/** Steps laid end to end from `start`; a step that ends at Infinity waits for someone. */
const layOut = (start: number, steps: ReadonlyArray<readonly [StepName, number]>): ReadonlyArray<Planned> => {
  let at = start
  return steps.map(([name, duration]) => {
    const planned = { name, start: at, end: at + duration }
    at = planned.end
    return planned
  })
}

const viewSteps = (
  planned: ReadonlyArray<Planned>,
  now: number,
  failed: StepName | undefined
): ReadonlyArray<StepView> => {
  let stopped = false
  return planned.map((step) => {
    if (stopped || now < step.start) return { name: step.name, state: "NotStarted", startedAt: undefined, completedAt: undefined }
    if (now < step.end) return { name: step.name, state: "InProgress", startedAt: step.start, completedAt: undefined }
    if (step.name === failed) {
      stopped = true
      return { name: step.name, state: "Failed", startedAt: step.start, completedAt: step.end }
    }
    return { name: step.name, state: "Completed", startedAt: step.start, completedAt: step.end }
  })
}

const workflowOf = (targetEnvironment: "Preview" | "Live", steps: ReadonlyArray<StepView>): WorkflowView => {
  const state: StepState = steps.some((s) => s.state === "Failed")
    ? "Failed"
    : steps.every((s) => s.state === "Completed")
    ? "Completed"
    : steps.every((s) => s.state === "NotStarted")
    ? "NotStarted"
    : "InProgress"
  const last = steps.findLast((s) => s.completedAt !== undefined)
  return {
    targetEnvironment,
    state,
    steps,
    startedAt: steps[0]?.startedAt,
    completedAt: state === "Completed" || state === "Failed" ? last?.completedAt : undefined
  }
}

/** The submission as it stands at `now`. */
export const submissionStateAt = (submission: Submission, now: number): SubmissionView => {
  const d = submission.durationsMs
  const previewPlan = layOut(submission.createdAt, [
    ["Automated validation", d["Automated validation"]],
    ["Certification", d.Certification],
    ["Preview Creation", d["Preview Creation"]]
  ])
  const previewReadyAt = previewPlan.at(-1)!.end
  const autoPromotedAt = submission.isAutoPromote && !submission.failInCertification ? previewReadyAt : undefined
  const promotedAt = submission.promotedAt ?? (autoPromotedAt !== undefined && now >= autoPromotedAt ? autoPromotedAt : undefined)
  const signoff: Planned = { name: "Publisher Signoff", start: previewReadyAt, end: promotedAt ?? Infinity }
  const failed = submission.failInCertification ? "Certification" : undefined
  const preview = workflowOf("Preview", viewSteps([...previewPlan, signoff], now, failed))
  const livePlan = promotedAt === undefined ? [] : layOut(promotedAt, [["Publish", d.Publish]])
  const live = promotedAt === undefined ? undefined : workflowOf("Live", viewSteps(livePlan, now, undefined))
  const publishedAt = live?.state === "Completed" ? live.completedAt : undefined
  const substate: Substate = preview.state === "Failed"
    ? "FailedInCertification"
    : publishedAt !== undefined
    ? "InStore"
    : promotedAt !== undefined
    ? "Publishing"
    : now >= previewReadyAt
    ? "ReadyToPublish"
    : "Submitted"
  const state: SubmissionState = publishedAt === undefined ? "InProgress" : "Published"
  return {
    state,
    substate,
    target: promotedAt === undefined ? "Preview" : "Live",
    promotedAt,
    publishedAt,
    workflows: live === undefined ? [preview] : [preview, live],
    cancellable: state === "InProgress" && promotedAt === undefined,
    promotable: substate === "ReadyToPublish"
  }
}
