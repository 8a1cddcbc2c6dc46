/**
 * A configure job and its course over virtual time: queued (`notStarted`), processing its resources
 * (`running`, cancellable), publishing the submission it asks for to preview or live (`running`,
 * "far enough along" to refuse a cancel), then `completed` with `succeeded` or `failed`. A cancel
 * ends it `completed` / `cancelled`, at once or after some status polls (a variant). The record
 * holds only what happened; `jobStateAt` derives the rest from the clock.
 */
export type JobStatus = "notStarted" | "running" | "completed"

export type JobResult = "pending" | "succeeded" | "failed" | "cancelled"

/** Where the job is: what a cancel may still stop. */
export type JobPhase = "queued" | "processing" | "publishing" | "done"

export interface JobError {
  readonly code: string
  readonly message: string
  readonly resourceId?: string
  readonly details: ReadonlyArray<{ readonly code: string; readonly message: string }>
}

export interface JobDurations {
  /** Reading `notStarted`. Default one minute. */
  readonly queuedMs?: number
  /** Processing the resources, cancellable. Default 30 minutes. */
  readonly processingMs?: number
  /** Publishing the submission (only when the job asks for one), no longer cancellable. Default 10 minutes. */
  readonly publishingMs?: number
  /** How long the submission it created runs after the job completed. Default two days. */
  readonly submissionMs?: number
}

const minute = 60_000

export const defaultJobDurations: Required<JobDurations> = {
  queuedMs: minute,
  processingMs: 30 * minute,
  publishingMs: 10 * minute,
  submissionMs: 2 * 24 * 60 * minute
}

export interface ConfigureJob {
  readonly id: string
  /** The product it configures (its GUID), when the body named one the emulator knows. */
  readonly productGuid: string | undefined
  /** The account (publisher) that owns the product, whose tokens may see the job. */
  readonly account: string | undefined
  readonly createdAt: number
  /** The `resources` of the configure body, returned by GET configure/{jobId} once completed. */
  readonly resources: ReadonlyArray<unknown>
  /** The target of the submission resource in the body, if it asks to publish. */
  readonly target: "preview" | "live" | undefined
  readonly durations: Required<JobDurations>
  /** Why it fails when processing ends, if it does. */
  readonly failure: JobError | undefined
  /** The submission number it creates when it starts publishing. */
  readonly submissionNumber: number | undefined
  cancelRequestedAt: number | undefined
  /** Status polls still to read `running` after the cancel; counts down. */
  pollsBeforeCancelled: number
  cancelledAt: number | undefined
}

export interface JobState {
  readonly status: JobStatus
  readonly result: JobResult
  readonly phase: JobPhase
  readonly startedAt: number
  /** When it completed, if it has. */
  readonly endedAt: number | undefined
  readonly errors: ReadonlyArray<JobError>
}

const cancelled: JobError = {
  code: "badRequest",
  message: "The job was cancelled.",
  details: [{ code: "operationCanceled", message: "The job was cancelled by the user." }]
}

export const jobStateAt = (job: ConfigureJob, now: number): JobState => {
  const d = job.durations
  const processedAt = job.createdAt + d.queuedMs + d.processingMs
  const publishes = job.target !== undefined && job.failure === undefined
  const endsAt = processedAt + (publishes ? d.publishingMs : 0)
  const base = { startedAt: job.createdAt }
  if (job.cancelledAt !== undefined && now >= job.cancelledAt) {
    return { ...base, status: "completed", result: "cancelled", phase: "done", endedAt: job.cancelledAt, errors: [cancelled] }
  }
  // A cancel accepted but not settled: the job stands still where it was.
  const at = job.cancelRequestedAt ?? now
  if (at < job.createdAt + d.queuedMs) return { ...base, status: "notStarted", result: "pending", phase: "queued", endedAt: undefined, errors: [] }
  if (at < processedAt) return { ...base, status: "running", result: "pending", phase: "processing", endedAt: undefined, errors: [] }
  if (at < endsAt) return { ...base, status: "running", result: "pending", phase: "publishing", endedAt: undefined, errors: [] }
  return job.failure === undefined
    ? { ...base, status: "completed", result: "succeeded", phase: "done", endedAt: endsAt, errors: [] }
    : { ...base, status: "completed", result: "failed", phase: "done", endedAt: endsAt, errors: [job.failure] }
}

/** The submission a job creates, as `GET submission/{product}` shows it, once the job starts publishing. */
export interface JobSubmission {
  readonly status: "notStarted" | "running" | "completed"
  readonly result: "pending" | "succeeded" | "failed"
}

export const jobSubmissionAt = (job: ConfigureJob, now: number): JobSubmission | undefined => {
  const state = jobStateAt(job, now)
  if (job.target === undefined || job.failure !== undefined || state.result === "cancelled") return undefined
  if (state.phase === "queued" || state.phase === "processing") return undefined
  if (state.phase === "publishing") return { status: "running", result: "pending" }
  return now >= (state.endedAt ?? now) + job.durations.submissionMs
    ? { status: "completed", result: "succeeded" }
    : { status: "running", result: "pending" }
}
