/**
 * What the core counts for whoever exports it (the bot's OTLP and /metrics, the CLI's OTLP): every
 * exchange with the API by method and status, and every retry. Span names are the CppClient
 * methods' own. Counting is a few map updates; exporting is the face's choice, off by default.
 */
import { Effect, Metric } from "effect"

/** API requests by `method` and `status` (the HTTP status, or `none` when no response came). */
export const cppRequests = Metric.counter("offerops_cpp_requests_total", {
  description: "Cloud Partner Portal API requests, by method and HTTP status (none: no response)",
  incremental: true
})

/** Attempts repeated after a transient failure, by `method`. */
export const cppRetries = Metric.counter("offerops_cpp_retries_total", {
  description: "Cloud Partner Portal API requests repeated after a transient failure, by method",
  incremental: true
})

export const countRequest = (method: string, status: number | "none"): Effect.Effect<void> =>
  Metric.update(Metric.withAttributes(cppRequests, { method, status: String(status) }), 1)

export const countRetry = (method: string): Effect.Effect<void> => Metric.update(Metric.withAttributes(cppRetries, { method }), 1)
