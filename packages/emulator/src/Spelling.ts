/**
 * The documentation spells every status three ways (cpp-api.md §6.2–6.4, §6.12).
 * An offer picks one, so clients prove they normalise: "camel" as in the JSON
 * samples, "pascal" as in the offer-status page's tables, "table" with the
 * operations table's "not started", the British "cancelled", and the samples'
 * step words "complete" and "blocked".
 */
import type { OperationKind, OperationStatus, StepStatus } from "./Operation.ts"

export type Spelling = "camel" | "pascal" | "table"

/**
 * Offer status as GET offer reports it; "neverPublished" until its first submission,
 * "waitingForPublisherReview" while a publish waits at sign-off.
 */
export type OfferStatus = "neverPublished" | "waitingForPublisherReview" | OperationStatus

const operationStatuses: Record<Spelling, Record<OperationStatus, string>> = {
  camel: { notStarted: "notStarted", running: "running", completed: "completed", failed: "failed", canceled: "canceled" },
  pascal: { notStarted: "NotStarted", running: "Running", completed: "Completed", failed: "Failed", canceled: "Canceled" },
  table: { notStarted: "not started", running: "running", completed: "completed", failed: "failed", canceled: "cancelled" }
}

const stepStatuses: Record<Spelling, Record<StepStatus, string>> = {
  camel: { notStarted: "notStarted", running: "running", completed: "completed", failed: "failed", canceled: "canceled" },
  pascal: { notStarted: "NotStarted", running: "InProgress", completed: "Complete", failed: "Rejected", canceled: "Canceled" },
  table: { notStarted: "notStarted", running: "running", completed: "complete", failed: "failed", canceled: "cancelled" }
}

const submissionTypes: Record<Spelling, Record<OperationKind, string>> = {
  camel: { publish: "publish", golive: "goLive", cancel: "cancel" },
  pascal: { publish: "Publish", golive: "GoLive", cancel: "Cancel" },
  table: { publish: "Publish", golive: "GoLive", cancel: "Cancel" }
}

const offerStatuses: Record<"camel" | "pascal", Record<OfferStatus, string>> = {
  camel: {
    neverPublished: "neverPublished",
    waitingForPublisherReview: "waitingForPublisherReview",
    notStarted: "notStarted",
    running: "running",
    completed: "succeeded",
    failed: "failed",
    canceled: "canceled"
  },
  pascal: {
    neverPublished: "NeverPublished",
    waitingForPublisherReview: "WaitingForPublisherReview",
    notStarted: "NotStarted",
    running: "Running",
    completed: "Succeeded",
    failed: "Failed",
    canceled: "Canceled"
  }
}

export const spellOperationStatus = (spelling: Spelling, status: OperationStatus): string =>
  operationStatuses[spelling][status]

/**
 * Step status. In "table" spelling the steps after a failed or cancelled one read
 * "blocked", as in the samples; publisher sign-off in progress reads
 * "WaitingForPublisherReview" in "pascal", from the step-status table.
 */
export const spellStepStatus = (
  spelling: Spelling,
  status: StepStatus,
  context: { readonly afterStop: boolean; readonly signoff: boolean }
): string => {
  if (spelling === "table" && status === "notStarted" && context.afterStop) return "blocked"
  if (spelling === "pascal" && status === "running" && context.signoff) return "WaitingForPublisherReview"
  return stepStatuses[spelling][status]
}

export const spellSubmissionType = (spelling: Spelling, kind: OperationKind): string => submissionTypes[spelling][kind]

/** The offer-status tables are PascalCase; only the samples use camelCase. */
export const spellOfferStatus = (spelling: Spelling, status: OfferStatus): string =>
  offerStatuses[spelling === "camel" ? "camel" : "pascal"][status]

/** Compares status words the way the docs force clients to: ignoring case, spaces, underscores and "cancelled". */
export const sameStatus = (a: string, b: string): boolean => normalise(a) === normalise(b)

const normalise = (status: string): string => status.toLowerCase().replace(/[\s_-]/g, "").replace("cancelled", "canceled")
