/** The Node composition: CppClient over undici (`@effect/platform-node`). */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { CppSettings } from "./CppConfig.ts"
import { cppClientFromEnv } from "./Live.ts"

export const cppClientNode = (overrides: Partial<CppSettings> = {}) =>
  cppClientFromEnv(NodeHttpClient.layerUndici, overrides)
