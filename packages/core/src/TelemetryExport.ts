/**
 * Traces and metrics over OTLP/HTTP, with the standard variables (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `…_HEADERS`, `OTEL_SERVICE_NAME`, `OTEL_METRIC_EXPORT_INTERVAL`, …) as Effect's own exporters read
 * them: `@offerops/core/telemetry`, for a face to import only when `wantsExport` says an endpoint is set.
 */
import { ConfigProvider, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { OtlpMetrics, OtlpSerialization, OtlpTracer } from "effect/observability"

/** The exporters, for `service` (OTEL_SERVICE_NAME wins) at `version`. */
export const layerExport = (
  env: Readonly<Record<string, string | undefined>>,
  protocol: "http/protobuf" | "http/json",
  service: { readonly name: string; readonly version: string }
) => {
  const resource = { serviceName: service.name, serviceVersion: service.version }
  // The specification's default exporter is otlp; Effect's readers want it said (`none` still turns a signal off).
  const defined = {
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_METRICS_EXPORTER: "otlp",
    ...Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ""))
  }
  return Layer.mergeAll(OtlpTracer.layerFromConfig({ resource }), OtlpMetrics.layerFromConfig({ resource })).pipe(
    Layer.provide(protocol === "http/json" ? OtlpSerialization.layerJson : OtlpSerialization.layerProtobuf),
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: defined })))
  )
}
