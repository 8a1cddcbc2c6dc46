/**
 * The closed status unions of operations and their steps, read from every spelling Microsoft's docs
 * and samples use (`not started`, `notStarted`, `Completed`, `succeeded`, `cancelled`, ...).
 * Unknown values map to "unknown", which is never terminal: waiting longer is safer than declaring an
 * end the service did not.
 */
import { englishCoreTranslator as english, type Translator } from "./i18n/Translator.ts"

export type OperationStatus = "notStarted" | "running" | "completed" | "failed" | "canceled" | "unknown"

export type StepStatus =
  | "notStarted"
  | "inProgress"
  | "waitingForPublisherReview"
  | "waitingForApproval"
  | "blocked"
  | "rejected"
  | "complete"
  | "failed"
  | "canceled"
  | "unknown"

/** Lower case without spaces, underscores or hyphens: `Not_Started` and `not started` compare equal. */
const fold = (raw: string): string => raw.toLowerCase().replace(/[\s_-]+/g, "")

// Maps, not object literals: a status is the service's text, and `constructor` or `__proto__` must
// not find the object prototype's members.
const operationSpellings: ReadonlyMap<string, OperationStatus> = new Map(Object.entries({
  notstarted: "notStarted",
  running: "running",
  inprogress: "running",
  completed: "completed",
  complete: "completed",
  succeeded: "completed",
  published: "completed",
  failed: "failed",
  failure: "failed",
  canceled: "canceled",
  cancelled: "canceled",
  // A v1.0 submission gone after its DELETE (Partner Center's "Cancel publish").
  deleted: "canceled"
} as const))

const stepSpellings: ReadonlyMap<string, StepStatus> = new Map(Object.entries({
  notstarted: "notStarted",
  running: "inProgress",
  inprogress: "inProgress",
  waitingforpublisherreview: "waitingForPublisherReview",
  waitingforapproval: "waitingForApproval",
  blocked: "blocked",
  rejected: "rejected",
  complete: "complete",
  completed: "complete",
  succeeded: "complete",
  failed: "failed",
  canceled: "canceled",
  cancelled: "canceled"
} as const))

/** Whether two status texts are the same status however they are spelled. */
export const sameStatusText = (a: string, b: string): boolean => fold(a) === fold(b)

export const operationStatus = (raw: string): OperationStatus => operationSpellings.get(fold(raw)) ?? "unknown"

export const stepStatus = (raw: string): StepStatus => stepSpellings.get(fold(raw)) ?? "unknown"

export const terminalOperationStatuses: ReadonlySet<OperationStatus> = new Set(["completed", "failed", "canceled"])

export const isTerminal = (status: OperationStatus): boolean => terminalOperationStatuses.has(status)

/** Only `canCancel` is documented; any other value means the service may refuse a cancel now. */
export const cancellationAllowed = (cancellationRequestState: string | undefined): boolean =>
  cancellationRequestState === undefined || fold(cancellationRequestState) === "cancancel"

/** What to tell a person about to confirm, in their language, when the service may refuse the cancel; else undefined. */
export const cancellationWarning = (
  cancellationRequestState: string | undefined,
  translator: Translator = english
): string | undefined =>
  cancellationRequestState === undefined || cancellationAllowed(cancellationRequestState)
    ? undefined
    : translator.t("core.warning.mayRefuse", { state: cancellationRequestState })
