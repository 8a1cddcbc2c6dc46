/**
 * Every API's backend against one emulator over real sockets (undici): CPP at its root, the
 * ingestion API v1.0 under /v1.0/ingestion, Product Ingestion under /rp/product-ingestion, each
 * with a token for its own audience unless a test hands it another.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { type Emulator, graphResource, partnerCenterResource } from "@offerops/emulator"
import { Duration, Effect, Layer, Redacted } from "effect"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig, type CppSettings } from "../src/CppConfig.ts"
import { IngestionClient, IngestionToken } from "../src/ingestion/Client.ts"
import { ingestionConfig, type IngestionSettings } from "../src/ingestion/Config.ts"
import { backendsLayer } from "../src/Live.ts"
import { ProductIngestionClient, ProductIngestionToken } from "../src/product-ingestion/Client.ts"
import { productIngestionConfig, type ProductIngestionSettings } from "../src/product-ingestion/Config.ts"
import { TokenProvider } from "../src/TokenProvider.ts"

export const fast: Partial<CppSettings> = {
  retryBase: Duration.millis(1),
  retryCap: Duration.millis(5),
  retryAfterMin: Duration.millis(1),
  retryAfterMax: Duration.millis(50),
  pollInitial: Duration.millis(5),
  pollMax: Duration.millis(20),
  waitTimeout: Duration.seconds(10)
}

export interface Tokens {
  readonly cpp?: string
  readonly ingestion?: string
  readonly productIngestion?: string
}

const year = 365 * 24 * 60 * 60

const bearer = (token: string) => TokenProvider.of({ token: Effect.succeed(Redacted.make(token)) })

export const backendsOn = (
  emulator: Emulator,
  options: {
    readonly tokens?: Tokens
    readonly cpp?: Partial<CppSettings>
    readonly ingestion?: Partial<IngestionSettings>
    readonly productIngestion?: Partial<ProductIngestionSettings>
  } = {}
) => {
  const transport = NodeHttpClient.layerUndici
  const tokens = {
    // A year of virtual time: tests move the emulator's clock by weeks.
    cpp: emulator.issueToken({ ttlSeconds: year }),
    ingestion: emulator.issueToken({ audience: partnerCenterResource, ttlSeconds: year }),
    productIngestion: emulator.issueToken({ audience: graphResource, ttlSeconds: year }),
    ...options.tokens
  }
  const cpp = CppClient.layer.pipe(
    Layer.provide([transport, TokenProvider.static(Redacted.make(tokens.cpp))]),
    Layer.provideMerge(cppConfig({ baseUrl: emulator.url, ...fast, ...options.cpp }))
  )
  const ingestion = IngestionClient.layer.pipe(
    Layer.provide([transport, Layer.succeed(IngestionToken, bearer(tokens.ingestion))]),
    Layer.provide(ingestionConfig({ baseUrl: `${emulator.url}/v1.0/ingestion`, ...options.ingestion }))
  )
  const productIngestion = ProductIngestionClient.layer.pipe(
    Layer.provide([transport, Layer.succeed(ProductIngestionToken, bearer(tokens.productIngestion))]),
    Layer.provide(productIngestionConfig({
      baseUrl: `${emulator.url}/rp/product-ingestion`,
      statusInterval: Duration.millis(10),
      ...options.productIngestion
    }))
  )
  return backendsLayer.pipe(Layer.provide([ingestion, productIngestion]), Layer.provideMerge(cpp))
}

/** The requests the emulator saw with this method whose path contains `fragment`. */
export const requestsTo = (emulator: Emulator, method: string, fragment: string) =>
  emulator.requests().filter((request) => request.method === method && request.path.includes(fragment))
