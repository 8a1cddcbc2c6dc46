/**
 * Where Partner Center's ingestion API v1.0 is, whose token it takes, and how much of a paged list
 * to read. The transport's bounds (timeouts, retries, body size) are CppConfig's, shared by every API.
 */
import { Config, Context, Effect, Layer } from "effect"
import { BaseUrl } from "../CppConfig.ts"

/** The token's audience (partner-center-apis.md, Authentication). */
export const partnerCenterScope = "https://api.partner.microsoft.com/.default"

export interface IngestionSettings {
  readonly baseUrl: string
  /** Pages of one list read at most; a longer list fails rather than being read without end. */
  readonly maxPages: number
  /** Bytes of one list read at most, all pages together. */
  readonly maxListBytes: number
}

export const defaultIngestionSettings: IngestionSettings = {
  baseUrl: "https://api.partner.microsoft.com/v1.0/ingestion",
  maxPages: 20,
  maxListBytes: 16 * 1024 * 1024
}

export const IngestionConfig = Context.Reference<IngestionSettings>("@offerops/core/IngestionConfig", {
  defaultValue: () => defaultIngestionSettings
})

export const ingestionConfig = (overrides: Partial<IngestionSettings>): Layer.Layer<never> =>
  Layer.succeed(IngestionConfig, { ...defaultIngestionSettings, ...overrides })

/** `PARTNER_CENTER_BASE_URL` over the default; `overrides` (e.g. a test's) win over both. */
export const ingestionConfigFromEnv = (overrides: Partial<IngestionSettings> = {}) =>
  Layer.effect(
    IngestionConfig,
    Effect.gen(function*() {
      const baseUrl = yield* Config.schema(BaseUrl, "PARTNER_CENTER_BASE_URL").pipe(Config.option)
      return {
        ...defaultIngestionSettings,
        ...(baseUrl._tag === "Some" ? { baseUrl: baseUrl.value } : {}),
        ...overrides
      }
    })
  )
