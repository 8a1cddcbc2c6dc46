/**
 * The client wired for a runtime: any HttpClient transport, with configuration and token from the
 * environment. Node's undici transport (the bot's pool) lives in `@offerops/core/node` so neither
 * Deno nor the CLI loads it.
 */
import { type Config, type Context, Effect, Layer } from "effect"
import type { HttpClient } from "effect/http"
import { Backends } from "./Backend.ts"
import { cppBackend } from "./CppBackend.ts"
import { CppClient } from "./CppClient.ts"
import { cppConfigFromEnv, type CppSettings } from "./CppConfig.ts"
import { fetchTransport } from "./FetchTransport.ts"
import { IngestionClient, IngestionToken, ingestionBackend } from "./ingestion/Client.ts"
import { ingestionConfigFromEnv, partnerCenterScope } from "./ingestion/Config.ts"
import { ProductIngestionClient, ProductIngestionToken, productIngestionBackend } from "./product-ingestion/Client.ts"
import { productIngestionConfigFromEnv, productIngestionScope } from "./product-ingestion/Config.ts"
import { TokenProvider, tokenLayerFromEnv } from "./TokenProvider.ts"

/** CppClient over the given transport, configured from `CPP_*`/`AZURE_*` with `overrides` winning. */
export const cppClientFromEnv = <E = never>(
  transport: Layer.Layer<HttpClient.HttpClient, E>,
  overrides: Partial<CppSettings> = {}
) =>
  CppClient.layer.pipe(
    Layer.provide([transport, TokenProvider.fromEnv]),
    Layer.provideMerge(cppConfigFromEnv(overrides))
  )

/** Over the runtime's `fetch`: the CLI on Node's built-in fetch, Deno, browsers. */
export const cppClientFetch = (overrides: Partial<CppSettings> = {}) =>
  cppClientFromEnv(fetchTransport, overrides)

/** A TokenProvider layer as one API's own token service, so it is seen by that API's client alone. */
const tokenAs = <I>(
  service: Context.Key<I, TokenProvider["Service"]>,
  tokens: Layer.Layer<TokenProvider, Config.ConfigError>
) => Layer.effect(service, Effect.gen(function*() {
    return yield* TokenProvider
  })).pipe(Layer.provide(tokens))

/**
 * The ingestion API v1.0 and Product Ingestion beside a CppClient already in context, each configured
 * from its own variables (`PARTNER_CENTER_*`, `PRODUCT_INGESTION_*`) with its own token, as Backends.
 */
export const backendsBesideCpp = <E = never, R = never>(transport: Layer.Layer<HttpClient.HttpClient, E, R>) => {
  const ingestion = IngestionClient.layer.pipe(
    Layer.provide([transport, tokenAs(IngestionToken, tokenLayerFromEnv("PARTNER_CENTER_TOKEN", partnerCenterScope))]),
    Layer.provide(ingestionConfigFromEnv())
  )
  const productIngestion = ProductIngestionClient.layer.pipe(
    Layer.provide([
      transport,
      tokenAs(ProductIngestionToken, tokenLayerFromEnv("PRODUCT_INGESTION_TOKEN", productIngestionScope))
    ]),
    Layer.provide(productIngestionConfigFromEnv())
  )
  return backendsLayer.pipe(Layer.provide([ingestion, productIngestion]))
}

/** Every API's backend over the given transport, and CppClient (with CppConfig) besides. */
export const backendsFromEnv = <E = never>(
  transport: Layer.Layer<HttpClient.HttpClient, E>,
  overrides: Partial<CppSettings> = {}
) => backendsBesideCpp(transport).pipe(Layer.provideMerge(cppClientFromEnv(transport, overrides)))

/** Backends of the three API clients in context. */
export const backendsLayer = Layer.effect(
  Backends,
  Effect.gen(function*() {
    return Backends.make([yield* cppBackend, yield* ingestionBackend, yield* productIngestionBackend])
  })
)

/** The ingestion API v1.0 and Product Ingestion over the runtime's `fetch` (as `cppClientFetch`), beside the CppClient in context. */
export const backendsFetch = () => backendsBesideCpp(fetchTransport)
