/** The Node composition: CppClient over undici (`@effect/platform-node`). */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer } from "effect"
import { CppConfig, type CppSettings } from "./CppConfig.ts"
import { backendsBesideCpp, cppClientFromEnv } from "./Live.ts"

// Without a limit undici opens a connection per concurrent request, and every request then looks
// through all of them for a free one: at 10,000 waits that scan was half of the CPU.
const undici = Layer.unwrap(Effect.gen(function*() {
  const { maxConnections } = yield* CppConfig
  return NodeHttpClient.layerUndiciOptions({ connections: maxConnections })
}))

export const cppClientNode = (overrides: Partial<CppSettings> = {}) => cppClientFromEnv(undici, overrides)

/** The ingestion API v1.0 and Product Ingestion over undici, beside the CppClient in context, as Backends. */
export const backendsNode = () => backendsBesideCpp(undici)
