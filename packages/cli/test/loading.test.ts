/**
 * A run loads only what its command needs: no npm undici at all (requests go through Node's built-in
 * fetch), no HTTP for --help, --version and completions, Entra and the proxy set-up only on the runs
 * that need them. Read from the bundle's metafile and from what a run of the bundle actually loaded.
 */
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { offerops, useEmulator } from "./support.ts"

const cpp = useEmulator((emulator) => emulator.addOffer("acme", "vm"))
const preload = fileURLToPath(new URL("./fixtures/loaded.mjs", import.meta.url))

interface Loaded {
  readonly builtins: ReadonlyArray<string>
  readonly resolved: ReadonlyArray<string>
}

/** Runs `offerops ...args` and returns what it loaded. */
const loadedBy = async (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Loaded> => {
  const report = join(mkdtempSync(join(tmpdir(), "offerops-loaded-")), "loaded.json")
  const run = await offerops({ ...cpp.env, ...env, LOADED_REPORT: report }, args, { nodeArgs: ["--import", preload] })
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(readFileSync(report, "utf8")) as Loaded
}

// Node's fetch is its own copy of undici, loaded on the first use of `fetch`.
const nodeFetch = "NativeModule internal/deps/undici/undici"
const chunk = (loaded: Loaded, name: string) => loaded.resolved.some((url) => url.includes(`/dist/chunks/${name}-`))
/** The languages whose words a run loaded (each language is a chunk of the core's words and one of the CLI's). */
const languages = (loaded: Loaded) => ["ja", "ko", "zh-TW", "ru", "hu"].filter((locale) => chunk(loaded, locale))

it("the bundle holds no npm undici", () => {
  const meta = JSON.parse(readFileSync(new URL("../dist/meta.json", import.meta.url), "utf8")) as { inputs: Record<string, unknown> }
  const inputs = Object.keys(meta.inputs)
  expect(inputs.some((input) => input.includes("/effect/"))).toBe(true) // the metafile is the real one
  expect(inputs.filter((input) => /[\\/]undici[\\/@]|undici@/.test(input))).toEqual([])
})

describe("what a run loads", () => {
  it.each([["--help"], ["--version"], ["--completions", "bash"]])("%s: no HTTP, no Entra, no proxy set-up", async (...args) => {
    const loaded = await loadedBy(args)
    expect(loaded.builtins).not.toContain(nodeFetch)
    expect(loaded.builtins).not.toContain("NativeModule tls")
    for (const name of ["EntraToken", "Proxy"]) expect(chunk(loaded, name)).toBe(false)
    expect(loaded.resolved.filter((url) => url.includes("undici"))).toEqual([])
    expect(languages(loaded)).toEqual([])
  })

  it("a reader's language: its words and no other language's", async () => {
    expect(languages(await loadedBy(["operations", "acme/vm"], { LANG: "C" }))).toEqual([])
    expect(languages(await loadedBy(["operations", "acme/vm", "--lang", "ja"]))).toEqual(["ja"])
    expect(languages(await loadedBy(["operations", "acme/vm"], { LC_ALL: "hu_HU.UTF-8" }))).toEqual(["hu"])
  })

  it("operations with CPP_TOKEN: Node's fetch, no npm undici, no Entra, no proxy set-up", async () => {
    const loaded = await loadedBy(["operations", "acme/vm"])
    expect(loaded.builtins).toContain(nodeFetch)
    expect(loaded.resolved.filter((url) => url.includes("undici"))).toEqual([])
    for (const name of ["EntraToken", "Proxy"]) expect(chunk(loaded, name)).toBe(false)
  })

  it("operations with HTTPS_PROXY set: the proxy set-up, still no npm undici", async () => {
    // The emulator is on loopback, reached directly; the proxy itself is never used here.
    const loaded = await loadedBy(["operations", "acme/vm"], { HTTPS_PROXY: "http://127.0.0.1:9" })
    expect(chunk(loaded, "Proxy")).toBe(true)
    expect(loaded.resolved.filter((url) => url.includes("undici"))).toEqual([])
  })
})
