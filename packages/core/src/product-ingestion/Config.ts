/**
 * Where the Product Ingestion API is, which `$version` each call sends, and how often a configure
 * job's status may be read. The transport's bounds are CppConfig's, shared by every API.
 */
import { Config, Context, Duration, Effect, Layer } from "effect"
import { BaseUrl } from "../CppConfig.ts"

/** The token's audience (partner-center-apis.md, Authentication). */
export const productIngestionScope = "https://graph.microsoft.com/.default"

export interface ProductIngestionSettings {
  readonly baseUrl: string
  /**
   * The `$version` (a maximum version) each call sends; the docs' own examples. Always sent, since
   * the docs require it even where public scripts leave it out.
   */
  readonly versions: {
    readonly product: string
    readonly submission: string
    readonly configure: string
  }
  /** The slowest a job's status is read without the service saying otherwise: the docs allow once a minute. */
  readonly statusInterval: Duration.Duration
}

export const defaultProductIngestionSettings: ProductIngestionSettings = {
  baseUrl: "https://graph.microsoft.com/rp/product-ingestion",
  versions: { product: "2022-03-01-preview2", submission: "2022-03-01-preview2", configure: "2022-03-01-preview2" },
  statusInterval: Duration.minutes(1)
}

export const ProductIngestionConfig = Context.Reference<ProductIngestionSettings>("@offerops/core/ProductIngestionConfig", {
  defaultValue: () => defaultProductIngestionSettings
})

export const productIngestionConfig = (overrides: Partial<ProductIngestionSettings>): Layer.Layer<never> =>
  Layer.succeed(ProductIngestionConfig, { ...defaultProductIngestionSettings, ...overrides })

/**
 * `PRODUCT_INGESTION_BASE_URL` and `PRODUCT_INGESTION_VERSION` (one `$version` for every call) over
 * the defaults; `overrides` win over both.
 */
export const productIngestionConfigFromEnv = (overrides: Partial<ProductIngestionSettings> = {}) =>
  Layer.effect(
    ProductIngestionConfig,
    Effect.gen(function*() {
      const baseUrl = yield* Config.schema(BaseUrl, "PRODUCT_INGESTION_BASE_URL").pipe(Config.option)
      const version = yield* Config.NonEmptyString("PRODUCT_INGESTION_VERSION").pipe(Config.option)
      return {
        ...defaultProductIngestionSettings,
        ...(baseUrl._tag === "Some" ? { baseUrl: baseUrl.value } : {}),
        ...(version._tag === "Some"
          ? { versions: { product: version.value, submission: version.value, configure: version.value } }
          : {}),
        ...overrides
      }
    })
  )
