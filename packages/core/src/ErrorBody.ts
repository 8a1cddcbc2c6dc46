/**
 * Reading an API's error body: the code and message a person is shown, bounded in length, whatever
 * the server sent (JSON in the API's shape, other JSON, text or nothing).
 */
import { Predicate } from "effect"

const maxErrorText = 500

/** How an API words its errors: the code and message a person is shown from an error body. */
export type ErrorBodyReader = (body: string) => { readonly code?: string; readonly message: string }

/** The API's own `error.code`/`error.message`, else top-level `code`/`message`, else the raw text. */
export const describeErrorBody: ErrorBodyReader = (body) => {
  const parsed = parseJsonOrText(body)
  if (Predicate.isObject(parsed)) {
    const inner = (parsed as { error?: unknown }).error
    const source = (Predicate.isObject(inner) ? inner : parsed) as { code?: unknown; message?: unknown }
    if (typeof source.message === "string" || typeof source.code === "string") {
      return {
        ...(typeof source.code === "string" ? { code: source.code } : {}),
        message: typeof source.message === "string" ? source.message.slice(0, maxErrorText) : String(source.code)
      }
    }
  }
  const text = body.trim()
  return { message: text === "" ? "(empty body)" : text.length > maxErrorText ? `${text.slice(0, maxErrorText)}…` : text }
}

export const parseJsonOrText = (body: string): unknown => {
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}
