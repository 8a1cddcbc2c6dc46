/**
 * The client wired for a runtime: any HttpClient transport, with configuration and token from the
 * environment. Node's undici transport (the bot's pool) lives in `@offerops/core/node` so neither
 * Deno nor the CLI loads it.
 */
import { Layer } from "effect"
import type { HttpClient } from "effect/http"
import { CppClient } from "./CppClient.ts"
import { cppConfigFromEnv, type CppSettings } from "./CppConfig.ts"
import { fetchTransport } from "./FetchTransport.ts"
import { TokenProvider } from "./TokenProvider.ts"

/** CppClient over the given transport, configured from `CPP_*`/`AZURE_*` with `overrides` winning. */
export const cppClientFromEnv = <E = never>(
  transport: Layer.Layer<HttpClient.HttpClient, E>,
  overrides: Partial<CppSettings> = {}
) =>
  CppClient.layer.pipe(
    Layer.provide([transport, TokenProvider.fromEnv]),
    Layer.provideMerge(cppConfigFromEnv(overrides))
  )

/** Over the runtime's `fetch`: the CLI on Node's built-in fetch, Deno, browsers. */
export const cppClientFetch = (overrides: Partial<CppSettings> = {}) =>
  cppClientFromEnv(fetchTransport, overrides)
