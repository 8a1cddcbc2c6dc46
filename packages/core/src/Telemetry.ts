/**
 * What the core counts for whoever exports it (the bot's OTLP and /metrics, the CLI's OTLP): every
 * exchange with the API by method and status, and every retry. Span names are the CppClient
 * methods' own. Counting is a few map updates; exporting over OTLP is off unless the standard
 * variables ask for it (`wantsExport`), and then the face loads `@offerops/core/telemetry`.
 * `OTEL_EXPORTER_OTLP_PROTOCOL` chooses `http/protobuf` (the default) or `http/json`.
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

const endpoints = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]

/** Whether the environment asks for export (an endpoint set, the SDK not disabled). */
export const wantsExport = (env: Readonly<Record<string, string | undefined>>): boolean =>
  endpoints.some((name) => (env[name]?.trim() ?? "") !== "") && env["OTEL_SDK_DISABLED"]?.trim().toLowerCase() !== "true"

/** The protocol, or the one-line reason it cannot be used. */
export const readProtocol = (env: Readonly<Record<string, string | undefined>>): "http/protobuf" | "http/json" | string => {
  const protocol = env["OTEL_EXPORTER_OTLP_PROTOCOL"]?.trim() || "http/protobuf"
  return protocol === "http/protobuf" || protocol === "http/json"
    ? protocol
    : `OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (OTLP over HTTP), got ${JSON.stringify(protocol.slice(0, 40))}`
}
