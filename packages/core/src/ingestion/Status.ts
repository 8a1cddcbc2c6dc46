/**
 * A v1.0 submission in the story's shared terms: `InProgress` runs, `Published` has ended (completed),
 * and a submission that is gone after a DELETE was cancelled. Whether it can still be cancelled
 * follows Partner Center's "Cancel publish": only an in-progress submission that is not publishing,
 * and not promoted to live, may be deleted (BcContainerHelper's `Cancel-AppSourceSubmission`
 * refuses anything not `InProgress`).
 */
import type { Refusal } from "../Backend.ts"
import { Operation, Step } from "../Operation.ts"
import type { PendingUpdate, Submission, Workflow } from "./Schemas.ts"

/** Lower case without spaces, underscores or hyphens. */
const fold = (text: string | undefined): string => (text ?? "").toLowerCase().replace(/[\s_-]+/g, "")

export const isInProgress = (submission: Submission): boolean => fold(submission.state) === "inprogress"

const targetsOf = (submission: Submission): ReadonlyArray<string> =>
  (submission.targets ?? []).flatMap((target) => target.value === undefined ? [] : [target.value])

// `publishedTimeInUtc` is 1601-01-01 (the .NET epoch) until the submission is published.
const everPublished = (submission: Submission): boolean =>
  submission.publishedTimeInUtc !== undefined && !submission.publishedTimeInUtc.startsWith("1601-") &&
  !submission.publishedTimeInUtc.startsWith("0001-")

/**
 * Why Partner Center would refuse to delete this submission, or undefined when it may be cancelled:
 * published, publishing, or promoted (a live target after its preview was published) cannot be.
 */
export const cancelRefusal = (submission: Submission): Refusal | undefined => {
  const substate = fold(submission.substate)
  const id = submission.id
  if (!isInProgress(submission) || substate === "published" || substate === "instore") {
    return { _tag: "NotInProgress", id, state: submission.substate ?? submission.state }
  }
  if (substate === "publishing") return { _tag: "Publishing", id }
  if (targetsOf(submission).some((target) => fold(target) === "live") && everPublished(submission)) return { _tag: "Promoted", id }
  return undefined
}

const kindOf = (submission: Submission): string =>
  targetsOf(submission).some((target) => fold(target) === "live") ? "goLive" : "publish"

const pendingText = (pending: PendingUpdate | undefined): ReadonlyArray<string> =>
  pending === undefined || pending.updateType === undefined
    ? []
    : [`pending update: ${pending.updateType}${pending.status === undefined ? "" : ` ${pending.status}`}${
      pending.failureReason === undefined ? "" : ` (${pending.failureReason})`
    }`]

/** The workflow's steps, the newest push first, as the story's Steps. */
const stepsOf = (workflows: ReadonlyArray<Workflow>): ReadonlyArray<Step> =>
  workflows.flatMap((workflow) =>
    (workflow.workflowSteps ?? []).map((step) =>
      new Step({
        stepName: step.name,
        description: workflow.targetEnvironment,
        // Steps not begun have no state; a step without one has not started.
        status: step.state ?? "NotStarted"
      })
    )
  )

/**
 * The submission as the story's Operation: its state as status, substate, targets and pending
 * update as messages, the workflow's steps, and `canCancel` or the refusal's reason.
 */
export const submissionOperation = (submission: Submission, workflows: ReadonlyArray<Workflow> = []): Operation => {
  const refusal = cancelRefusal(submission)
  const info = [
    ...(submission.substate === undefined ? [] : [`substate: ${submission.substate}`]),
    ...(targetsOf(submission).length === 0 ? [] : [`targets: ${targetsOf(submission).join(", ")}`]),
    ...pendingText(submission.pendingUpdateInfo)
  ]
  return new Operation({
    id: submission.id,
    status: submission.state,
    submissionType: kindOf(submission),
    cancellationRequestState: refusal === undefined ? "canCancel" : "cannotCancel",
    messages: info.map((messageHtml) => ({ messageHtml: escapeHtml(messageHtml), level: "info" })),
    steps: stepsOf(workflows)
  })
}

/** A submission that is gone (404 after the DELETE): Partner Center's "Cancel publish" deleted it. */
export const deletedOperation = (submissionId: string): Operation =>
  new Operation({ id: submissionId, status: "Deleted", submissionType: "publish" })

// Messages are read as HTML fragments (messageText): the service's text must stay text.
const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
