/**
 * What the bot counts, on Effect's own metrics (the core counts its API requests and retries): slash
 * commands by kind, clicks by button, cancellations by how they ended, the time to ack an HTTP
 * request, and the cancel workflows running in this process. `/metrics` shows them in Prometheus's
 * text format; with `OTEL_EXPORTER_OTLP_ENDPOINT` set they and the traces also go out over OTLP/HTTP
 * (the core's TelemetryExport, loaded only then).
 */
import { Effect, Metric } from "effect"
import * as PrometheusMetrics from "effect/observability/PrometheusMetrics"
import type { IncomingMessage, Server, ServerResponse } from "node:http"

const commands = Metric.counter("offerops_slackbot_commands_total", {
  description: "/cancel-offer commands, by kind (cancel, status, history, help, ...)",
  incremental: true
})

const clicks = Metric.counter("offerops_slackbot_clicks_total", { description: "Button clicks, by button", incremental: true })

const cancellations = Metric.counter("offerops_slackbot_cancellations_total", {
  description: "Confirmed cancels that ended, by outcome",
  incremental: true
})

const ackSeconds = Metric.histogram("offerops_slackbot_ack_seconds", {
  description: "From an HTTP request to /slack/events to its response (Slack waits 3 s)",
  boundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
})

const workflowsInFlight = Metric.gauge("offerops_slackbot_workflows_in_flight", {
  description: "Cancel workflows this process is running"
})

export const countCommand = (kind: string): Effect.Effect<void> => Metric.update(Metric.withAttributes(commands, { kind }), 1)

export const countClick = (button: string): Effect.Effect<void> => Metric.update(Metric.withAttributes(clicks, { button }), 1)

export const countCancellation = (outcome: string): Effect.Effect<void> =>
  Metric.update(Metric.withAttributes(cancellations, { outcome }), 1)

/**
 * Span attributes under `offerops.*`: the offer, the short confirmation id (as in the audit: enough
 * to find it, not enough to replay it), the operation, the command's kind. Nothing secret goes here.
 */
export const spanAttributes = (fields: {
  readonly offer?: string | undefined
  readonly confirmation?: string | undefined
  readonly operationId?: string | undefined
  readonly command?: string | undefined
}): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined).map(([key, value]) => [
    `offerops.${key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`,
    value
  ]))

/** Runs a workflow counted as in flight while it runs here (until it ends or is suspended). */
export const inFlight = <A, E, R>(workflow: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.acquireUseRelease(Metric.modify(workflowsInFlight, 1), () => workflow, () => Metric.modify(workflowsInFlight, -1))

/** Times every request to `path` on `server`, from its arrival to the end of its response. */
export const timeAcks = (server: Server, path: string): void => {
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.split("?")[0] !== path) return
    const arrived = performance.now()
    response.once("finish", () => Effect.runSync(Metric.update(ackSeconds, (performance.now() - arrived) / 1000)))
  })
}

/** The metrics in Prometheus's text format. */
export const prometheusText = (): string => Effect.runSync(PrometheusMetrics.format())
