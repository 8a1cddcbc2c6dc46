/**
 * How the Product Ingestion API words an error: `{"error": {"code", "message", "details": [{code,
 * message}]}}` (its inner codes — productLocked, invalidState… — say more than the outer one), and
 * any ProblemDetails or plain text a gateway in front of it may answer instead.
 */
import { Predicate } from "effect"
import { describeErrorBody, parseJsonOrText } from "../ErrorBody.ts"
import { problemDetailsText } from "../ingestion/ErrorBody.ts"

const maxText = 500

export const describeProductIngestionError = (body: string): { readonly code?: string; readonly message: string } => {
  const parsed = parseJsonOrText(body)
  const problem = problemDetailsText(parsed)
  if (problem !== undefined) return { message: problem }
  const outer = describeErrorBody(body)
  const error = Predicate.isObject(parsed) ? (parsed as { error?: unknown }).error : undefined
  const details = Predicate.isObject(error) && Array.isArray((error as { details?: unknown }).details)
    ? ((error as { details: ReadonlyArray<unknown> }).details).flatMap((detail) => {
      if (!Predicate.isObject(detail)) return []
      const { code, message } = detail as { code?: unknown; message?: unknown }
      const text = [code, message].filter((part) => typeof part === "string" && part !== "").join(": ")
      return text === "" ? [] : [text]
    })
    : []
  return details.length === 0 ? outer : { ...outer, message: [outer.message, ...details].join(" — ").slice(0, maxText) }
}

/** The documented refusal of a cancel for a job that has ended: "Cannot cancel job, job has already completed." */
export const saysAlreadyCompleted = (message: string): boolean => /already\s+(been\s+)?completed/i.test(message)
