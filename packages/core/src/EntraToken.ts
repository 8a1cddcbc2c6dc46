/**
 * Tokens from Microsoft Entra ID through `@azure/identity`, for the scope
 * `https://cloudpartner.azure.com/.default`. Imported lazily: a static token never loads it.
 */
import type { TokenCredential } from "@azure/identity"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { AuthorityHost } from "./CppConfig.ts"
import { Unauthorized } from "./CppError.ts"
import { proxySettings } from "./ProxyEnv.ts"
import { scrubSecrets } from "./SecretScrub.ts"
import { cachedToken, TokenProvider } from "./TokenProvider.ts"

export const cppScope = "https://cloudpartner.azure.com/.default"

const knownAuthorityHosts = [
  "https://login.microsoftonline.com",
  "https://login.microsoftonline.us",
  "https://login.chinacloudapi.cn"
]

export interface ClientSecretOptions {
  readonly tenantId: string
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  readonly authorityHost?: string | undefined
}

const noToken = (message: string) =>
  new Unauthorized({ method: "POST", path: "(token endpoint)", message: `could not obtain a token: ${message}` })

/**
 * DefaultAzureCredential's failure when no source it tried had anything to sign in with (each
 * unavailable, none refused): the first sentence of each, else undefined.
 */
const unavailableSources = (error: unknown): ReadonlyArray<string> | undefined => {
  const errors = (error as { readonly errors?: unknown } | null)?.errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const unavailable = errors.filter((inner): inner is Error => inner instanceof Error && inner.name === "CredentialUnavailableError")
  return unavailable.length < errors.length
    ? undefined
    : unavailable.map((inner) => /^(.*?[.!])(\s|$)/.exec(inner.message.split("\n")[0] ?? "")?.[1] ?? inner.message.slice(0, 200))
}

const noCredentials = (tried: ReadonlyArray<string>) =>
  new Unauthorized({
    method: "POST",
    path: "(token endpoint)",
    code: "NoCredentials",
    message: "no credentials found: none of CPP_TOKEN, AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET or an `az login`",
    tried
  })

/** Lines kept of a credential's message, and characters of each: a chain names one cause per line. */
const maxCauseLines = 40
const maxCauseLine = 500

/**
 * Every line of a message (DefaultAzureCredential's first line only says the chain failed; the
 * reasons follow, one per credential), bounded, without any spelling of the secret, before it can
 * reach a log or a terminal.
 */
const scrub = (message: string, secret: Redacted.Redacted<string> | undefined): string => {
  const lines = message.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line !== "")
  const kept = lines.slice(0, maxCauseLines).map((line) => line.length > maxCauseLine ? `${line.slice(0, maxCauseLine)}…` : line)
  if (lines.length > maxCauseLines) kept.push(`… ${lines.length - maxCauseLines} more lines`)
  return scrubSecrets(kept.join("\n"), [secret])
}

/**
 * A TokenProvider over any `TokenCredential` for one API's `scope` (CPP's by default), cached until
 * five minutes before expiry.
 */
export const credentialTokenLayer = (
  credential: Effect.Effect<TokenCredential, Unauthorized>,
  secret?: Redacted.Redacted<string>,
  /** What was looked for before this credential, listed when it finds nothing either. */
  lookedFor: ReadonlyArray<string> = [],
  scope: string = cppScope
): Layer.Layer<TokenProvider> =>
  Layer.effect(
    TokenProvider,
    Effect.gen(function*() {
      const loaded = yield* Effect.cached(credential)
      const token = yield* cachedToken(
        loaded.pipe(
          Effect.flatMap((credential) =>
            Effect.tryPromise({
              try: (signal) => credential.getToken(scope, { abortSignal: signal }),
              catch: (error) => {
                const sources = unavailableSources(error)
                return sources === undefined
                  ? noToken(scrub(error instanceof Error ? error.message : String(error), secret))
                  : noCredentials([...lookedFor, ...sources.map((source) => scrub(source, secret))])
              }
            })
          ),
          Effect.flatMap((result) =>
            result === null
              ? Effect.fail(noToken("the credential returned no token"))
              : Effect.succeed({ token: Redacted.make(result.token), expiresAt: result.expiresOnTimestamp })
          )
        )
      )
      return TokenProvider.of({ token })
    })
  )

/** The Entra app's client secret, as Partner Center's "Azure AD applications" issue them. */
export const clientSecretTokenLayer = (options: ClientSecretOptions, scope: string = cppScope): Layer.Layer<TokenProvider> =>
  credentialTokenLayer(
    Effect.promise(() => import("@azure/identity")).pipe(
      Effect.map(({ ClientSecretCredential }) => {
        const authorityHost = options.authorityHost?.replace(/\/$/, "")
        return new ClientSecretCredential(options.tenantId, options.clientId, Redacted.value(options.clientSecret), {
          ...(authorityHost === undefined ? {} : { authorityHost }),
          // Instance discovery asks login.microsoftonline.com about the authority, which a sovereign
          // cloud's or a local emulator's host cannot answer.
          disableInstanceDiscovery: authorityHost !== undefined && !knownAuthorityHosts.includes(authorityHost)
        })
      })
    ),
    options.clientSecret,
    [],
    scope
  )

/** DefaultAzureCredential: workload identity, managed identity, the Azure CLI's login and the rest. */
export const defaultCredentialTokenLayer = (
  lookedFor: ReadonlyArray<string> = [],
  scope: string = cppScope
): Layer.Layer<TokenProvider> =>
  credentialTokenLayer(
    Effect.promise(() => import("@azure/identity")).pipe(
      Effect.map(({ DefaultAzureCredential }) => new DefaultAzureCredential())
    ),
    undefined,
    lookedFor,
    scope
  )

const azureTrio = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"] as const

/** What the environment lacked, in the words of the variables a person sets. */
const lookedForInEnv = (set: ReadonlyArray<string>, tokenVariable: string): ReadonlyArray<string> => {
  const missing = azureTrio.filter((name) => !set.includes(name))
  return [
    `${tokenVariable}: not set (or empty)`,
    missing.length === azureTrio.length
      ? `${azureTrio.join(", ")}: not set`
      : `${set.join(", ")} set, but not ${missing.join(", ")} (all three are needed)`
  ]
}

/**
 * @azure/identity reads `HTTPS_PROXY` and `NO_PROXY` from the environment itself (a CONNECT tunnel
 * for https), without our default (loopback direct while `NO_PROXY` is unset) and preferring the
 * upper-case spelling. Put our reading in `NO_PROXY`, so the login follows the API requests' rule.
 */
const loginProxyDefaults = Effect.gen(function*() {
  const proxy = yield* proxySettings
  const env = globalThis.process?.env
  if (Option.isSome(proxy) && env !== undefined) env["NO_PROXY"] = proxy.value.noProxy
})

/**
 * Tokens for one API's `scope` from the credential chain every API shares: the client secret from
 * `AZURE_*` when all three are set, else DefaultAzureCredential. `tokenVariable` is the API's own
 * static token variable, named when nothing is found. Every API's login follows the proxy rule and
 * the https-only authority host.
 */
export const entraTokenLayerFor = (scope: string, tokenVariable: string): Layer.Layer<TokenProvider, Config.ConfigError> =>
  Layer.unwrap(
    Effect.gen(function*() {
      yield* loginProxyDefaults
      const tenantId = yield* Config.NonEmptyString("AZURE_TENANT_ID").pipe(Config.option)
      const clientId = yield* Config.NonEmptyString("AZURE_CLIENT_ID").pipe(Config.option)
      const clientSecret = yield* Config.Redacted("AZURE_CLIENT_SECRET").pipe(Config.option)
      const authorityHost = yield* Config.schema(AuthorityHost, "AZURE_AUTHORITY_HOST").pipe(Config.option)
      if (Option.isSome(tenantId) && Option.isSome(clientId) && Option.isSome(clientSecret)) {
        return clientSecretTokenLayer({
          tenantId: tenantId.value,
          clientId: clientId.value,
          clientSecret: clientSecret.value,
          authorityHost: Option.getOrUndefined(authorityHost)
        }, scope)
      }
      const set = [Option.isSome(tenantId), Option.isSome(clientId), Option.isSome(clientSecret)].flatMap((isSet, index) =>
        isSet ? [azureTrio[index]!] : []
      )
      return defaultCredentialTokenLayer(lookedForInEnv(set, tokenVariable), scope)
    })
  )

/** The client secret from `AZURE_*` when all three are set, else DefaultAzureCredential. */
export const entraTokenLayer: Layer.Layer<TokenProvider, Config.ConfigError> = entraTokenLayerFor(cppScope, "CPP_TOKEN")
