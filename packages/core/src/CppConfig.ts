/**
 * Where the API is and how patient to be with it. Defaults fit the real service; tests and the
 * emulator shrink the delays. Every retry and poll reads its bounds from here.
 */
import { Config, Context, Duration, Effect, Layer } from "effect"

export interface CppSettings {
  readonly baseUrl: string
  readonly apiVersion: string
  /** One HTTP request, connect to last byte. */
  readonly requestTimeout: Duration.Duration
  /** Retries of one request after the first attempt. */
  readonly retries: number
  readonly retryBase: Duration.Duration
  readonly retryCap: Duration.Duration
  /** Polling backs off from `pollInitial` to `pollMax` unless the server sends Retry-After. */
  readonly pollInitial: Duration.Duration
  readonly pollMax: Duration.Duration
  /** A server's Retry-After is honoured within these bounds. */
  readonly retryAfterMin: Duration.Duration
  readonly retryAfterMax: Duration.Duration
  /** How long a wait lasts when the caller gives no timeout. */
  readonly waitTimeout: Duration.Duration
  /** Most connections open to the service at once (Node's transport); more requests queue for one. */
  readonly maxConnections: number
}

export const defaultSettings: CppSettings = {
  baseUrl: "https://cloudpartner.azure.com",
  apiVersion: "2017-10-31",
  requestTimeout: Duration.seconds(30),
  retries: 4,
  retryBase: Duration.millis(500),
  retryCap: Duration.seconds(20),
  pollInitial: Duration.seconds(2),
  pollMax: Duration.seconds(60),
  retryAfterMin: Duration.seconds(1),
  retryAfterMax: Duration.minutes(5),
  waitTimeout: Duration.hours(1),
  maxConnections: 64
}

export const CppConfig = Context.Reference<CppSettings>("@offerops/core/CppConfig", {
  defaultValue: () => defaultSettings
})

/** The defaults with some settings replaced. */
export const cppConfig = (overrides: Partial<CppSettings>): Layer.Layer<never> =>
  Layer.succeed(CppConfig, { ...defaultSettings, ...overrides })

/** `CPP_BASE_URL` and `CPP_API_VERSION` over the defaults (and over `overrides`, e.g. CLI flags, when absent). */
export const cppConfigFromEnv = (overrides: Partial<CppSettings> = {}): Layer.Layer<never, Config.ConfigError> =>
  Layer.effect(
    CppConfig,
    Effect.gen(function*() {
      const baseUrl = yield* Config.URL("CPP_BASE_URL").pipe(Config.option)
      const apiVersion = yield* Config.NonEmptyString("CPP_API_VERSION").pipe(Config.option)
      return {
        ...defaultSettings,
        ...(baseUrl._tag === "Some" ? { baseUrl: baseUrl.value.toString().replace(/\/$/, "") } : {}),
        ...(apiVersion._tag === "Some" ? { apiVersion: apiVersion.value } : {}),
        ...overrides
      }
    })
  )
