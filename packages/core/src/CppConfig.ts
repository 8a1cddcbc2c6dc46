/**
 * Where the API is and how patient to be with it. Defaults fit the real service; tests and the
 * emulator shrink the delays. Every retry and poll reads its bounds from here.
 */
import { Config, Context, Duration, Effect, Layer, Schema, SchemaTransformation } from "effect"

const isHttpUrl = (text: string): boolean => {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return (url.protocol === "https:" || url.protocol === "http:") && url.search === "" && url.hash === ""
}

/**
 * The API root, as the CLI's `--base-url`, `CPP_BASE_URL` and the bot all read it: an http(s) URL
 * without query or fragment (paths are appended to it), trimmed, kept without trailing slashes.
 */
export const BaseUrl = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      isHttpUrl(text) ||
      `expected an http(s) URL such as https://cloudpartner.azure.com, without query or fragment; got ${
        JSON.stringify(text.slice(0, 200))
      }`
    )
  ),
  Schema.decodeTo(
    Schema.String,
    SchemaTransformation.transform({ decode: (text: string) => text.replace(/\/+$/, ""), encode: (text: string) => text })
  )
)

/** A configuration error in one line, `CPP_BASE_URL: expected ...`, for a person to act on. */
export const configErrorText = (error: Config.ConfigError): string => {
  const text = error.cause.message
  // Schema errors end with the key's path on a line of its own: `  at ["CPP_BASE_URL"]`.
  const at = /\n\s*at (\[.*\])\s*$/.exec(text)
  const what = (at === null ? text : text.slice(0, at.index)).trim().replace(/\s*\n\s*/g, "; ")
  if (at === null) return what
  try {
    return `${(JSON.parse(at[1]!) as ReadonlyArray<unknown>).join(".")}: ${what}`
  } catch {
    return `${what} at ${at[1]}`
  }
}

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
  waitTimeout: Duration.hours(1)
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
      const baseUrl = yield* Config.schema(BaseUrl, "CPP_BASE_URL").pipe(Config.option)
      const apiVersion = yield* Config.NonEmptyString("CPP_API_VERSION").pipe(Config.option)
      return {
        ...defaultSettings,
        ...(baseUrl._tag === "Some" ? { baseUrl: baseUrl.value } : {}),
        ...(apiVersion._tag === "Some" ? { apiVersion: apiVersion.value } : {}),
        ...overrides
      }
    })
  )
