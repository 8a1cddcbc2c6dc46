/**
 * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` under the CLI's fetch, loaded only on runs that set one:
 * Node's built-in proxy support (a CONNECT tunnel for https), given core's reading of the variables
 * (loopback reached directly while `NO_PROXY` is unset). Node turns it on for `fetch` at run time
 * since 24.14 (`http.setGlobalProxyFromEnv`); the Entra login reads the same variables itself.
 */
import { InvalidInput, proxyEnvOf, type ProxySettings } from "@offerops/core"
import { Effect, Layer } from "effect"

export const useProxy = (settings: ProxySettings): Effect.Effect<Layer.Layer<never>, InvalidInput> =>
  Effect.gen(function*() {
    const http = yield* Effect.promise(() => import("node:http"))
    if (typeof http.setGlobalProxyFromEnv !== "function") {
      return yield* new InvalidInput({
        message: `HTTPS_PROXY/HTTP_PROXY need Node 24.14 or later to go through a proxy (this is ${process.version}): ` +
          "upgrade Node, or in the offerops repository run `. scripts/bootstrap.sh`"
      })
    }
    // Set once, before any request; a CLI run is its own process, so nothing needs it undone.
    http.setGlobalProxyFromEnv(proxyEnvOf(settings))
    return Layer.empty
  })
