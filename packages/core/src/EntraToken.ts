/**
 * Tokens from Microsoft Entra ID through `@azure/identity`, for the scope
 * `https://cloudpartner.azure.com/.default`. Imported lazily: a static token never loads it.
 */
import type { TokenCredential } from "@azure/identity"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { Unauthorized } from "./CppError.ts"
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

/** A TokenProvider over any `TokenCredential`, cached until five minutes before expiry. */
export const credentialTokenLayer = (
  credential: Effect.Effect<TokenCredential, Unauthorized>,
  secret?: Redacted.Redacted<string>
): Layer.Layer<TokenProvider> => Layer.effect(TokenProvider, credentialToken(credential, cppScope, secret))

/** Tokens for one API's scope (`<audience>/.default`) over a credential, cached until five minutes before expiry. */
export const credentialToken = (
  credential: Effect.Effect<TokenCredential, Unauthorized>,
  scope: string,
  secret?: Redacted.Redacted<string>
) =>
    Effect.gen(function*() {
      const loaded = yield* Effect.cached(credential)
      const token = yield* cachedToken(
        loaded.pipe(
          Effect.flatMap((credential) =>
            Effect.tryPromise({
              try: (signal) => credential.getToken(scope, { abortSignal: signal }),
              catch: (error) => noToken(scrub(error instanceof Error ? error.message : String(error), secret))
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

const clientSecretCredential = (options: ClientSecretOptions) =>
  Effect.promise(() => import("@azure/identity")).pipe(
    Effect.map(({ ClientSecretCredential }): TokenCredential => {
      const authorityHost = options.authorityHost?.replace(/\/$/, "")
      return new ClientSecretCredential(options.tenantId, options.clientId, Redacted.value(options.clientSecret), {
        ...(authorityHost === undefined ? {} : { authorityHost }),
        // Instance discovery asks login.microsoftonline.com about the authority, which a sovereign
        // cloud's or a local emulator's host cannot answer.
        disableInstanceDiscovery: authorityHost !== undefined && !knownAuthorityHosts.includes(authorityHost)
      })
    })
  )

const defaultCredential = Effect.promise(() => import("@azure/identity")).pipe(
  Effect.map(({ DefaultAzureCredential }): TokenCredential => new DefaultAzureCredential())
)

/** The Entra app's client secret, as Partner Center's "Azure AD applications" issue them. */
export const clientSecretTokenLayer = (options: ClientSecretOptions): Layer.Layer<TokenProvider> =>
  credentialTokenLayer(clientSecretCredential(options), options.clientSecret)

/** DefaultAzureCredential: workload identity, managed identity, the Azure CLI's login and the rest. */
export const defaultCredentialTokenLayer: Layer.Layer<TokenProvider> = credentialTokenLayer(defaultCredential)

/**
 * Tokens for `scope` from the one credential chain every API shares: the client secret from
 * `AZURE_*` when all three are set, else DefaultAzureCredential.
 */
export const entraToken = (scope: string) =>
  Effect.gen(function*() {
    const tenantId = yield* Config.NonEmptyString("AZURE_TENANT_ID").pipe(Config.option)
    const clientId = yield* Config.NonEmptyString("AZURE_CLIENT_ID").pipe(Config.option)
    const clientSecret = yield* Config.Redacted("AZURE_CLIENT_SECRET").pipe(Config.option)
    const authorityHost = yield* Config.NonEmptyString("AZURE_AUTHORITY_HOST").pipe(Config.option)
    if (Option.isSome(tenantId) && Option.isSome(clientId) && Option.isSome(clientSecret)) {
      const options = {
        tenantId: tenantId.value,
        clientId: clientId.value,
        clientSecret: clientSecret.value,
        authorityHost: Option.getOrUndefined(authorityHost)
      }
      return yield* credentialToken(clientSecretCredential(options), scope, options.clientSecret)
    }
    return yield* credentialToken(defaultCredential, scope)
  })

/** The client secret from `AZURE_*` when all three are set, else DefaultAzureCredential. */
export const entraTokenLayer: Layer.Layer<TokenProvider, Config.ConfigError> = Layer.effect(TokenProvider, entraToken(cppScope))
