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
 * A URL as a message may show it: at most 200 characters, and any password in it masked
 * (`https://user:***@host`), whether or not the rest parses (a password may hold `/` or `@`:
 * everything up to the last `@` is masked).
 */
export const shownUrl = (text: string): string =>
  JSON.stringify(text.replace(/^([a-z][\w+.-]*:\/\/[^/?#@:]*):.*@/i, "$1:***@").slice(0, 200))

/**
 * The API root, as the CLI's `--base-url`, `CPP_BASE_URL` and the bot all read it: an http(s) URL
 * without query or fragment (paths are appended to it), trimmed, kept without trailing slashes.
 */
export const BaseUrl = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      isHttpUrl(text) ||
      `expected an http(s) URL such as https://cloudpartner.azure.com, without query or fragment; got ${shownUrl(text)}`
    )
  ),
  Schema.decodeTo(
    Schema.String,
    SchemaTransformation.transform({ decode: (text: string) => text.replace(/\/+$/, ""), encode: (text: string) => text })
  )
)

const isAuthority = (text: string): boolean => {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return url.protocol === "https:" && url.username === "" && url.password === "" && url.search === "" && url.hash === ""
}

/**
 * `AZURE_AUTHORITY_HOST`: where the client secret is sent, so https only, without credentials,
 * query or fragment; checked before any request, in one line that never shows a password.
 */
export const AuthorityHost = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      isAuthority(text) ||
      `expected an https URL such as https://login.microsoftonline.us (the client secret is sent there), without credentials, query or fragment; got ${
        shownUrl(text)
      }`
    )
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
  /**
   * Without Retry-After, polls back off from `pollInitial` to `pollMax` by how long the service
   * has gone without one (see Polling.ts).
   */
  readonly pollInitial: Duration.Duration
  readonly pollMax: Duration.Duration
  /** A server's Retry-After is honoured within these bounds (and never past a wait's deadline). */
  readonly retryAfterMin: Duration.Duration
  readonly retryAfterMax: Duration.Duration
  /** How long a wait lasts when the caller gives no timeout; a deadline for every request in it. */
  readonly waitTimeout: Duration.Duration
  /** The largest response body read; a longer one fails with InvalidResponse, unread. */
  readonly maxBodyBytes: number
  /**
   * Send the bearer token over plain http to a host that is not loopback. Off: such a base URL is
   * refused before any request. Only for a TLS-terminating proxy on a network you trust.
   */
  readonly allowInsecureHttp: boolean
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
  pollMax: Duration.seconds(10),
  retryAfterMin: Duration.seconds(1),
  retryAfterMax: Duration.minutes(5),
  waitTimeout: Duration.hours(1),
  maxBodyBytes: 4 * 1024 * 1024,
  allowInsecureHttp: false,
  maxConnections: 64
}

export const CppConfig = Context.Reference<CppSettings>("@offerops/core/CppConfig", {
  defaultValue: () => defaultSettings
})

/** The defaults with some settings replaced. */
export const cppConfig = (overrides: Partial<CppSettings>): Layer.Layer<never> =>
  Layer.succeed(CppConfig, { ...defaultSettings, ...overrides })

/**
 * `CPP_BASE_URL`, `CPP_API_VERSION`, `CPP_MAX_BODY_BYTES` and `OFFEROPS_ALLOW_INSECURE_HTTP` over the
 * defaults (and over `overrides`, e.g. CLI flags, when absent).
 */
export const cppConfigFromEnv = (overrides: Partial<CppSettings> = {}): Layer.Layer<never, Config.ConfigError> =>
  Layer.effect(
    CppConfig,
    Effect.gen(function*() {
      const baseUrl = yield* Config.schema(BaseUrl, "CPP_BASE_URL").pipe(Config.option)
      const apiVersion = yield* Config.NonEmptyString("CPP_API_VERSION").pipe(Config.option)
      const maxBodyBytes = yield* Config.schema(Schema.Int.check(Schema.isGreaterThan(0)), "CPP_MAX_BODY_BYTES").pipe(
        Config.option
      )
      const allowInsecureHttp = yield* Config.Boolean("OFFEROPS_ALLOW_INSECURE_HTTP").pipe(Config.withDefault(false))
      return {
        ...defaultSettings,
        ...(maxBodyBytes._tag === "Some" ? { maxBodyBytes: maxBodyBytes.value } : {}),
        allowInsecureHttp,
        ...(baseUrl._tag === "Some" ? { baseUrl: baseUrl.value } : {}),
        ...(apiVersion._tag === "Some" ? { apiVersion: apiVersion.value } : {}),
        ...overrides
      }
    })
  )

const loopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/** Whether a base URL is this machine's (the emulator's, a test's): advice for it differs. */
export const isLoopbackBaseUrl = (baseUrl: string): boolean => URL.canParse(baseUrl) && loopback(new URL(baseUrl).hostname)

/**
 * Why the bearer token must not go to this base URL, or undefined when it may: over plain http only
 * loopback (the emulator, tests) is safe unless the caller opted out with `allowInsecureHttp`.
 */
export const insecureBaseUrl = (settings: Pick<CppSettings, "baseUrl" | "allowInsecureHttp">): string | undefined => {
  const url = new URL(settings.baseUrl)
  if (url.protocol === "https:" || settings.allowInsecureHttp || url.protocol === "http:" && loopback(url.hostname)) {
    return undefined
  }
  return `refusing to send the bearer token to ${url.origin}: it is not https, so anyone on the network path could read ` +
    `and reuse it. Use an https:// base URL, or set OFFEROPS_ALLOW_INSECURE_HTTP=1 (--allow-insecure-http) only ` +
    `for a TLS-terminating proxy on a network you trust`
}
