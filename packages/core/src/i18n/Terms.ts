/**
 * The product's words in a person's language: an operation's kind and the status of an operation
 * or a step. English keeps the service's own word; other languages name the normalised value, and
 * fall back to the service's word when offerops does not know it.
 */
import type { OperationStatus, StepStatus } from "../OperationStatus.ts"
import type { Translator } from "./Translator.ts"

export type OperationKind = "publish" | "goLive" | "cancel" | "none" | "other"

// A Map: the submission type is the service's text, and `constructor` must find nothing.
const kinds: ReadonlyMap<string, OperationKind> = new Map([["publish", "publish"], ["golive", "goLive"], ["cancel", "cancel"]])

/** `Publish`, `publish`, `GoLive`, `go-live`… as one kind; absent is `none`. */
export const operationKind = (submissionType: string | undefined): OperationKind =>
  submissionType === undefined ? "none" : kinds.get(submissionType.toLowerCase().replace(/[\s_-]+/g, "")) ?? "other"

export const kindText = (translator: Translator, submissionType: string | undefined): string =>
  translator.t("term.kind", { kind: operationKind(submissionType), raw: submissionType ?? "" })

export const operationStatusText = (translator: Translator, status: { readonly status: string; readonly state: OperationStatus }) =>
  translator.t("term.operationStatus", { state: status.state, raw: status.status })

export const stepStatusText = (translator: Translator, step: { readonly status: string; readonly state: StepStatus }) =>
  translator.t("term.stepStatus", { state: step.state, raw: step.status })
