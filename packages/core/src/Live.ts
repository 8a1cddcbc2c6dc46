/**
 * The client wired for a runtime: any HttpClient transport, with configuration and token from the
 * environment. Node's undici transport lives in `@offerops/core/node` so Deno never loads it.
 */
import { Layer } from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"
import { CppClient } from "./CppClient.ts"
import { cppConfigFromEnv, type CppSettings } from "./CppConfig.ts"
import { TokenProvider } from "./TokenProvider.ts"

/** CppClient over the given transport, configured from `CPP_*`/`AZURE_*` with `overrides` winning. */
export const cppClientFromEnv = (
  transport: Layer.Layer<HttpClient.HttpClient>,
  overrides: Partial<CppSettings> = {}
) =>
  CppClient.layer.pipe(
    Layer.provide([transport, TokenProvider.fromEnv]),
    Layer.provideMerge(cppConfigFromEnv(overrides))
  )

/** For Deno, browsers and anything else with `fetch`. */
export const cppClientFetch = (overrides: Partial<CppSettings> = {}) =>
  cppClientFromEnv(FetchHttpClient.layer, overrides)
