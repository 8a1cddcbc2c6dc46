/**
 * The flags every command takes, and the services they configure: the CPP client (flags over
 * `CPP_*`/`AZURE_*` from the environment) and, under `--verbose`, the core's request log on stderr.
 */
import { BaseUrl, type Backends, backendsFetch, configErrorText, type CppClient, type CppSettings, InvalidInput } from "@offerops/core"
import { type Config, Effect, Layer, Logger, Option, References } from "effect"
import { Flag } from "effect/cli"
import { HttpClient } from "effect/http"
import { langFlag } from "./Language.ts"
import { cppClientCli } from "./Live.ts"

export const globalFlags = {
  baseUrl: Flag.String("base-url").pipe(
    Flag.withMetavar("url"),
    Flag.withDescription("API root (default: $CPP_BASE_URL, else https://cloudpartner.azure.com)"),
    Flag.withSchema(BaseUrl),
    Flag.optional
  ),
  apiVersion: Flag.String("api-version").pipe(
    Flag.withDescription("api-version query parameter (default: $CPP_API_VERSION, else 2017-10-31)"),
    Flag.optional
  ),
  // The mode is applied from argv by the entry point (parse errors need it too); declared here so
  // it is validated and listed in --help.
  output: Flag.Literals("output", ["text", "json"]).pipe(
    Flag.withDescription("text for people; json writes exactly one JSON document to stdout"),
    Flag.withDefault("text")
  ),
  lang: langFlag,
  allowInsecureHttp: Flag.Boolean("allow-insecure-http").pipe(
    Flag.withDescription(
      "Send the bearer token over plain http to a host that is not loopback (only behind a TLS-terminating proxy you trust; also OFFEROPS_ALLOW_INSECURE_HTTP=1)"
    ),
    Flag.withDefault(false),
    Flag.withoutNegation
  ),
  verbose: Flag.Boolean("verbose").pipe(
    Flag.withDescription("Log every HTTP request to stderr (tokens are never logged)"),
    Flag.withDefault(false),
    // Off is the default: a `--no-verbose` would only clutter help and completions.
    Flag.withoutNegation
  )
}

export interface GlobalSettings {
  readonly baseUrl: Option.Option<string>
  readonly apiVersion: Option.Option<string>
  readonly allowInsecureHttp: boolean
  readonly verbose: boolean
}

// Logs go to stderr whatever the level (stdout may hold the JSON document); `--verbose` lowers the
// level to Debug, where the core logs each request.
const stderrLogger = Logger.layer([
  Logger.withConsoleError(
    Logger.make(({ date, logLevel, message }) =>
      `${date.toISOString().slice(11, 23)} ${logLevel.toLowerCase()} ${(Array.isArray(message) ? message : [message]).join(" ")}`
    )
  )
])
const requestTrace = Layer.succeed(References.MinimumLogLevel, "Debug")

// A CLI run is not part of a distributed trace (the core already sends no trace headers), and
// making request spans costs start-up: their random ids initialise WebCrypto.
const untraced = Layer.succeed(HttpClient.TracerDisabledWhen, () => true)

/** How the CPP client is built from the flags' overrides: over Node's fetch, unless a test brings its own. */
export type CppClientFor = (overrides: Partial<CppSettings>) => Layer.Layer<CppClient, Config.ConfigError | InvalidInput>

export const servicesFor = (settings: GlobalSettings, cppClient: CppClientFor = cppClientCli) => {
  const overrides: Partial<CppSettings> = {
    ...Option.match(settings.baseUrl, { onNone: () => ({}), onSome: (baseUrl) => ({ baseUrl }) }),
    ...Option.match(settings.apiVersion, { onNone: () => ({}), onSome: (apiVersion) => ({ apiVersion }) }),
    ...(settings.allowInsecureHttp ? { allowInsecureHttp: true } : {})
  }
  // Over Node's built-in fetch (see Live.ts).
  const client = cppClient(overrides).pipe(
    Layer.catchTag("ConfigError", (error) =>
      Layer.unwrap<CppClient, never, never, InvalidInput, never>(
        Effect.fail(new InvalidInput({ message: `invalid configuration in the environment: ${configErrorText(error)}`, input: "Settings" }))
      ))
  )
  // The other APIs beside it (PARTNER_CENTER_*, PRODUCT_INGESTION_*), each with its own token, over
  // the same fetch (and the same proxy, set for the whole process before the first request).
  const backends = backendsFetch().pipe(
    Layer.provide(client),
    Layer.catchTag("ConfigError", (error) =>
      Layer.unwrap<Backends, never, never, InvalidInput, never>(
        Effect.fail(new InvalidInput({ message: `invalid configuration in the environment: ${configErrorText(error)}` }))
      ))
  )
  return Layer.mergeAll(client, backends, untraced, stderrLogger, settings.verbose ? requestTrace : Layer.empty)
}
