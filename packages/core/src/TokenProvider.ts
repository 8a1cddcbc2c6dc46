/**
 * Where the bearer token comes from. A static token (`CPP_TOKEN`) costs nothing; Entra ID is loaded
 * only when needed (see EntraToken.ts). Tokens are `Redacted` everywhere so no log or error can
 * print one, and cached until shortly before they expire.
 */
import { Clock, Config, Context, Duration, Effect, Layer, Option, Redacted, Semaphore } from "effect"
import { Unauthorized } from "./CppError.ts"

export interface AccessToken {
  readonly token: Redacted.Redacted<string>
  /** Epoch milliseconds. */
  readonly expiresAt: number
}

export class TokenProvider extends Context.Service<TokenProvider, {
  readonly token: Effect.Effect<Redacted.Redacted<string>, Unauthorized>
}>()("@offerops/core/TokenProvider") {
  /** A token given by the user; it is never refreshed. */
  static readonly static = (token: Redacted.Redacted<string>): Layer.Layer<TokenProvider> =>
    Layer.succeed(TokenProvider, TokenProvider.of({ token: Effect.succeed(token) }))

  /**
   * `CPP_TOKEN` when set, else Entra ID: a client secret from `AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/
   * `AZURE_CLIENT_SECRET` (honouring `AZURE_AUTHORITY_HOST`), else the rest of DefaultAzureCredential
   * (the Azure CLI's login among them). `@azure/identity` is imported only in the Entra case.
   */
  static readonly fromEnv: Layer.Layer<TokenProvider, Config.ConfigError> = Layer.unwrap(
    Effect.gen(function*() {
      const token = yield* Config.Redacted("CPP_TOKEN").pipe(Config.option)
      if (Option.isSome(token) && Redacted.value(token.value).trim() !== "") return TokenProvider.static(token.value)
      const { entraTokenLayer } = yield* Effect.promise(() => import("./EntraToken.ts"))
      return entraTokenLayer
    })
  )
}

/**
 * Wraps a token source so it is called once, then again only when the cached token is within
 * `refreshBefore` of expiry. Concurrent callers share one acquisition.
 */
export const cachedToken = Effect.fnUntraced(function*(
  acquire: Effect.Effect<AccessToken, Unauthorized>,
  refreshBefore: Duration.Input = Duration.minutes(5)
) {
  const margin = Duration.toMillis(refreshBefore)
  const lock = yield* Semaphore.make(1)
  let cached: AccessToken | undefined
  return lock.withPermits(1)(
    Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      if (cached === undefined || cached.expiresAt - margin <= now) cached = yield* acquire
      return cached.token
    })
  )
})

/**
 * One API's token: its static token variable (e.g. `PARTNER_CENTER_TOKEN`) when set, else Entra ID
 * for `scope` through the same credential chain as CPP (`@azure/identity` loaded at the first
 * request that needs it). Each API gets its own, so no token is ever issued for, or sent to,
 * another API's host.
 */
export const tokenLayerFromEnv = (variable: string, scope: string): Layer.Layer<TokenProvider, Config.ConfigError> =>
  Layer.unwrap(
    Effect.gen(function*() {
      const token = yield* Config.Redacted(variable).pipe(Config.option)
      if (Option.isSome(token) && Redacted.value(token.value).trim() !== "") return TokenProvider.static(token.value)
      // Entra is loaded on this API's first request, not before: a run that never reaches this API
      // (most runs reach one) loads nothing for it.
      return Layer.effect(
        TokenProvider,
        Effect.gen(function*() {
          const layerScope = yield* Effect.scope
          // The configuration (and the rest) the layer was built with, not the first request's.
          const built = yield* Effect.context<never>()
          const entra = yield* Effect.cached(
            Effect.promise(() => import("./EntraToken.ts")).pipe(
              Effect.flatMap(({ entraTokenLayerFor }) => Layer.buildWithScope(entraTokenLayerFor(scope, variable), layerScope)),
              Effect.map((context) => Context.get(context, TokenProvider)),
              Effect.catchTag("ConfigError", (error) =>
                Effect.fail(
                  new Unauthorized({
                    method: "POST",
                    path: "(token endpoint)",
                    message: `could not obtain a token: invalid configuration in the environment: ${error.message}`
                  })
                ))
            ).pipe(Effect.provideContext(built))
          )
          return TokenProvider.of({ token: Effect.flatMap(entra, (provider) => provider.token) })
        })
      )
    })
  )
