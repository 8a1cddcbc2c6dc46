/**
 * Product Ingestion in the story's shared terms. A configure job runs while its `jobStatus` is
 * notStarted or running; once `completed`, its `jobResult` says how it ended: cancelled (Canceled),
 * succeeded (completed: it ended first), failed. A submission is shown, never cancelled: it carries no
 * job id, and a job is cancelled only by the id its creator was given.
 */
import type { Refusal } from "../Backend.ts"
import { Operation } from "../Operation.ts"
import { type ConfigureStatus, jobIdOf, type JobError, type PiaSubmission } from "./Schemas.ts"

const fold = (text: string | undefined): string => (text ?? "").toLowerCase().replace(/[\s_-]+/g, "")

/** The job's end as the shared status text: its result once completed, else its status. */
const jobStatusText = (status: ConfigureStatus): string =>
  fold(status.jobStatus) === "completed" && status.jobResult !== undefined && fold(status.jobResult) !== "pending"
    ? status.jobResult
    : status.jobStatus

// `0001-01-01T00:00:00` is the service's "not yet".
const when = (text: string | undefined): string | undefined =>
  text === undefined || text.startsWith("0001-") ? undefined : text

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const errorText = (error: JobError): string =>
  [
    [error.code, error.message].filter((part) => part !== undefined).join(": "),
    ...(error.details ?? []).map((detail) => [detail.code, detail.message].filter((part) => part !== undefined).join(": "))
  ].filter((line) => line !== "").join(" — ")

export const jobOperation = (status: ConfigureStatus, jobId: string): Operation =>
  new Operation({
    id: jobIdOf(status) ?? jobId,
    status: jobStatusText(status),
    submissionType: "configure",
    createdDateTime: when(status.jobStart),
    lastActionDateTime: when(status.jobEnd),
    cancellationRequestState: fold(status.jobStatus) === "completed" ? "cannotCancel" : "canCancel",
    messages: (status.errors ?? []).map((error) => ({ messageHtml: escapeHtml(errorText(error)), level: "error" }))
  })

/** Whether a submission is still in flight (notStarted or running). */
export const submissionRuns = (submission: PiaSubmission): boolean =>
  ["notstarted", "running", "inprogress"].includes(fold(submission.status))

export const submissionOperation = (submission: PiaSubmission): Operation =>
  new Operation({
    id: submission.id,
    status: fold(submission.status) === "completed" && submission.result !== undefined ? submission.result : submission.status,
    submissionType: submission.target?.targetType ?? "submission",
    createdDateTime: submission.created,
    cancellationRequestState: "cannotCancel"
  })

/** Why a submission itself is not cancelled here. */
export const submissionRefusal = (submission: PiaSubmission): Refusal => ({ _tag: "ByJob", id: submission.id })
