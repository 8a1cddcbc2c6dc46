/**
 * The Node composition for many waits (the bot): CppClient over npm undici's bounded pool
 * (`@effect/platform-node`), through the proxy from `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` when one is
 * set. One-shot runs (the CLI) need no pool: they use Node's built-in fetch (`cppClientFetch`).
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Option } from "effect"
import { CppConfig, type CppSettings } from "./CppConfig.ts"
import { backendsBesideCpp, cppClientFromEnv } from "./Live.ts"
import { proxySettings } from "./ProxyEnv.ts"

// Without a limit undici opens a connection per concurrent request, and every request then looks
// through all of them for a free one: at 10,000 waits that scan was half of the CPU. Behind a proxy
// every connection is a CONNECT tunnel, plain http too (undici would forward http over a pool of its
// own, without the bound), so the same bound holds for the tunnels. undici is loaded only then, as
// platform-node loads it for its own agent.
const undici = Layer.unwrap(Effect.gen(function*() {
  const { maxConnections } = yield* CppConfig
  const proxy = yield* proxySettings
  if (Option.isNone(proxy)) return NodeHttpClient.layerUndiciOptions({ connections: maxConnections })
  const { EnvHttpProxyAgent } = yield* Effect.promise(() => import("undici"))
  const { httpsProxy, httpProxy, noProxy } = proxy.value
  const dispatcher = Layer.effect(
    NodeHttpClient.Dispatcher,
    Effect.acquireRelease(
      Effect.sync(() => new EnvHttpProxyAgent({ connections: maxConnections, proxyTunnel: true, noProxy, ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}) })),
      (agent) => Effect.promise(() => agent.destroy())
    )
  )
  return NodeHttpClient.layerUndiciNoDispatcher.pipe(Layer.provide(dispatcher))
}))

export const cppClientNode = (overrides: Partial<CppSettings> = {}) => cppClientFromEnv(undici, overrides)

/** The ingestion API v1.0 and Product Ingestion over undici, beside the CppClient in context, as Backends. */
export const backendsNode = () => backendsBesideCpp(undici)
