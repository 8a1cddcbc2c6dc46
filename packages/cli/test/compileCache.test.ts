/** #23: the bin keeps Node's compile cache in this user's cache directory, never in the shared /tmp one. */
import { existsSync, mkdtempSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expect, it } from "vitest"
import { offerops } from "./support.ts"

it("writes the compile cache under $XDG_CACHE_HOME (else ~/.cache), not in the shared temporary directory", async () => {
  const home = mkdtempSync(join(tmpdir(), "offerops-home-"))
  const run = await offerops({ PATH: process.env["PATH"] ?? "" }, ["--help"], {
    env: { HOME: home, XDG_CACHE_HOME: undefined, NODE_COMPILE_CACHE: undefined, TMPDIR: join(home, "tmp") }
  })
  expect(run.code).toBe(0)
  const cache = join(home, ".cache", "offerops", "node-compile-cache")
  expect(existsSync(cache)).toBe(true)
  expect(readdirSync(cache).length).toBeGreaterThan(0)
  expect(existsSync(join(home, "tmp", "node-compile-cache"))).toBe(false)
}, 60_000)
