/**
 * The entry point's own contract: help and version in the requested mode, `help [command]`, the
 * built-in flags offered (no --wizard), `--status` checked before any request, completions without
 * meaningless `--no-` forms.
 */
import { describe, expect, it } from "vitest"
import { jsonOf, offerops, useEmulator } from "./support.ts"

const cpp = useEmulator((emulator) => {
  emulator.addOffer("acme", "vm")
  emulator.startOperation("acme", "vm")
})

describe("--output json", () => {
  it("makes --version one JSON document", async () => {
    const run = await offerops(cpp.env, ["--version", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run)).toEqual({ name: "offerops", version: "0.1.0" })
  })

  it("makes --help one JSON document, for a command too", async () => {
    const root = await offerops(cpp.env, ["--output", "json", "--help"])
    expect(root.code).toBe(0)
    expect(jsonOf(root).subcommands.map((command: { name: string }) => command.name)).toEqual(["operations", "cancel", "watch"])
    const cancel = await offerops(cpp.env, ["cancel", "--help", "--output=json"])
    expect(jsonOf(cancel)).toMatchObject({ command: "offerops cancel", arguments: [{ name: "reference" }] })
    expect(jsonOf(cancel).flags.map((flag: { name: string }) => flag.name)).toContain("--yes")
  })
})

describe("offerops help", () => {
  it("is --help, for the whole CLI or one command", async () => {
    const [help, flag] = await Promise.all([offerops(cpp.env, ["help", "cancel"]), offerops(cpp.env, ["cancel", "--help"])])
    expect(help.code).toBe(0)
    expect(help.stdout).toBe(flag.stdout)
    expect(help.stdout).toContain("--no-wait")
    expect((await offerops(cpp.env, ["help"])).stdout).toContain("SUBCOMMANDS")
  })

  it("names an unknown command, exit 2", async () => {
    const run = await offerops(cpp.env, ["help", "uncancel"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`Unknown subcommand "uncancel"`)
  })
})

it("offers no --wizard: not in help, refused as unknown", async () => {
  expect((await offerops(cpp.env, ["--help"])).stdout).not.toContain("--wizard")
  const run = await offerops(cpp.env, ["--wizard", "--output", "json"])
  expect(run.code).toBe(2)
  expect(jsonOf(run).error.message).toContain("--wizard")
})

describe("--status", () => {
  it("refuses a status that does not exist, listing the known ones, exit 2", async () => {
    const run = await offerops(cpp.env, ["operations", "acme/vm", "--status", "runing", "--output", "json"])
    expect(run.code).toBe(2)
    expect(jsonOf(run).error.message).toContain("one of notStarted, running, completed, failed, canceled")
    expect(cpp.emulator.requests().filter((request) => request.path.includes("/submissions?") && request.path.includes("runing"))).toEqual([])
  })

  it("accepts any spelling of a known status, as typed", async () => {
    const run = await offerops(cpp.env, ["operations", "acme/vm", "--status", "Running", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run).operations).toHaveLength(1)
  })
})

it.each(["bash", "zsh", "fish"])("completes no --no- form of a plain switch in %s", async (shell) => {
  const run = await offerops(cpp.env, ["--completions", shell])
  expect(run.code).toBe(0)
  expect(run.stdout).toContain("--no-wait")
  for (const negated of ["no-yes", "no-no-wait", "no-verbose", "no-allow-insecure-http"]) expect(run.stdout).not.toContain(negated)
})
