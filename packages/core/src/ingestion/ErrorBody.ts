/**
 * How the ingestion API v1.0 words an error. Its Swagger declares a **string** body for every error;
 * in practice that string is a JSON text (itself `{code, message}` or `{error: {...}}`), and in June
 * 2026 the API answered an RFC 9110 ProblemDetails object (`{title, status, detail?, errors: {field:
 * [..]}}`). Each is read to the code and message a person is shown.
 */
import { Predicate } from "effect"
import { describeErrorBody, parseJsonOrText } from "../ErrorBody.ts"

const maxText = 500

/** ProblemDetails' title, detail and each field's errors in one line; undefined when the body is not one. */
export const problemDetailsText = (json: unknown): string | undefined => {
  if (!Predicate.isObject(json)) return undefined
  const { title, detail, errors } = json as { title?: unknown; detail?: unknown; errors?: unknown }
  if (typeof title !== "string" && typeof detail !== "string") return undefined
  const fields = Predicate.isObject(errors)
    ? Object.entries(errors).map(([field, messages]) =>
      `${field}: ${Array.isArray(messages) ? messages.filter((m) => typeof m === "string").join("; ") : String(messages)}`
    )
    : []
  const text = [title, detail].filter((part) => typeof part === "string" && part.trim() !== "").join(": ")
  return [text, ...fields].filter((part) => part !== "").join(" — ").slice(0, maxText)
}

export const describeIngestionError = (body: string): { readonly code?: string; readonly message: string } => {
  const parsed = parseJsonOrText(body)
  // A string body whose text is JSON: read what it holds (once; deeper nesting stays text).
  const inner = typeof parsed === "string" ? parseJsonOrText(parsed) : parsed
  const problem = problemDetailsText(inner)
  if (problem !== undefined) return { message: problem }
  if (typeof inner === "string") return describeErrorBody(inner)
  return describeErrorBody(JSON.stringify(inner))
}
