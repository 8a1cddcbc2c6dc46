/** The Node composition: CppClient over undici (`@effect/platform-node`). */
import { NodeHttpClient } from "@effect/platform-node"
import type { CppSettings } from "./CppConfig.ts"
import { cppClientFromEnv } from "./Live.ts"

export const cppClientNode = (overrides: Partial<CppSettings> = {}) =>
  cppClientFromEnv(NodeHttpClient.layerUndici, overrides)
