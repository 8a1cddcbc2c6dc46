/**
 * What every command shares: one JSON document in JSON mode whatever happens, colour and live
 * redrawing only on a terminal and never under NO_COLOR, help, version, completions, and exit 1
 * for the unexpected. In process (offeropsHere), with a terminal where one is needed; a broken stdout
 * over the built bundle.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { advanceOnEachPoll, goLiveAtSignoff, jsonOf, offerops, offeropsHere, useEmulator } from "./support.ts"

let publishId = ""
const cpp = useEmulator((emulator) => {
  emulator.addOffer("acme", "vm")
  publishId = emulator.startOperation("acme", "vm").id
})

const esc = "\x1b["

describe("--output json", () => {
  const invocations: ReadonlyArray<readonly [string, ReadonlyArray<string>, number]> = [
    ["a list", ["operations", "acme/vm"], 0],
    ["an unknown flag", ["operations", "acme/vm", "--frobnicate"], 2],
    ["a missing argument", ["operations"], 2],
    ["an unknown command", ["uncancel", "acme/vm"], 2],
    ["no command at all", [], 2],
    ["a bad --output value", ["operations", "acme/vm", "--base-url", "ftp://x"], 2],
    ["a 404", ["operations", "acme/missing"], 6]
  ]
  it.each(invocations)("writes exactly one JSON document to stdout for %s", async (_, args, code) => {
    const run = await offeropsHere(cpp.env, ["--output", "json", ...args])
    expect(run.code).toBe(code)
    const doc = jsonOf(run)
    if (code === 0) expect(doc).not.toHaveProperty("error")
    else expect(Object.keys(doc.error)).toEqual(expect.arrayContaining(["_tag", "message"]))
  })

  it("accepts --output=json anywhere, after the command too", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "--output=json", "acme/nothing-here"])
    expect(run.code).toBe(6)
    expect(jsonOf(run).error._tag).toBe("NotFound")
  })

  it("keeps effect/cli's --log-level output off stdout", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--log-level", "debug", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run).operations).toHaveLength(1)
    expect(run.stderr).toMatch(/debug → GET \/api\/publishers\/acme\/offers\/vm\/submissions/)
  })

  it("refuses a CPP_BASE_URL or --base-url that is not an http(s) URL: exit 2, one line naming it", async () => {
    const fromEnv = await offeropsHere(cpp.env, ["operations", "acme/vm"], { env: { CPP_BASE_URL: "ftp://cpp.example" } })
    expect(fromEnv.code).toBe(2)
    expect(fromEnv.stderr.split("\n")[0]).toBe(
      "error: invalid configuration in the environment: CPP_BASE_URL: expected an http(s) URL such as " +
        "https://cloudpartner.azure.com, without query or fragment; got \"ftp://cpp.example\""
    )
    const fromFlag = await offeropsHere(cpp.env, ["operations", "acme/vm", "--base-url", "https://cpp.example/?x=1"])
    expect(fromFlag.code).toBe(2)
    expect(fromFlag.stderr.split("\n")[0]).toMatch(/^error: .*--base-url.*expected an http\(s\) URL .*got "https:\/\/cpp.example\/\?x=1"$/)
  })

  it("refuses an output mode it does not know", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", "--output", "yaml"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--output")
  })
})

describe("on a terminal", () => {
  it("colours the operation's status", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", publishId], { typed: [] })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`${esc}33mrunning`)
  })

  it("writes no escape codes at all under NO_COLOR", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", publishId], { typed: [], env: { NO_COLOR: "1" } })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("running")
    expect(run.stdout).not.toContain(esc)
  })

  it("redraws the step view in place while it waits", async () => {
    const second = 1_000
    cpp.emulator.addOffer("acme", "live-view", {
      stepDurationsMs: {
        displaydummycertify: second,
        displaycertify: second,
        displayprovision: second,
        displaypackage: second,
        "publisher-signoff": second,
        live: second
      }
    })
    const { location, id } = cpp.emulator.startOperation("acme", "live-view")
    const stop = advanceOnEachPoll(cpp.emulator, location, second)
    const stopPublisher = goLiveAtSignoff(cpp.emulator, "acme", "live-view", id)
    const run = await offeropsHere(cpp.env, ["watch", location, "--poll-interval", "50ms"], { typed: [] }).finally(() => {
      stop()
      stopPublisher()
    })
    expect(run.code).toBe(0)
    // Cursor up over the previous drawing, then clear to the end of the screen.
    expect(run.stdout).toMatch(/\x1b\[7A\x1b\[0J/)
  })

  it("in a pipe, writes plain lines without escape codes", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "acme/vm", publishId])
    expect(run.stdout).not.toContain(esc)
  })
})

describe("help, version and completions", () => {
  it("--help lists the commands and global flags", async () => {
    const run = await offeropsHere(cpp.env, ["--help"])
    expect(run.code).toBe(0)
    for (const word of ["operations", "cancel", "watch", "--base-url", "--api-version", "--output", "--verbose", "--completions"]) {
      expect(run.stdout).toContain(word)
    }
  })

  it("cancel --help documents its flags", async () => {
    const run = await offeropsHere(cpp.env, ["cancel", "--help"])
    for (const flag of ["--notify", "--yes", "--no-wait", "--timeout", "--poll-interval"]) expect(run.stdout).toContain(flag)
  })

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    const run = await offeropsHere(cpp.env, ["--version"])
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(`offerops v${version}`)
  })

  it("prints a bash completion script", async () => {
    const run = await offeropsHere(cpp.env, ["--completions", "bash"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("complete")
    expect(run.stdout).toContain("offerops")
  })
})

describe("the unexpected", () => {
  it("exits 1 and says what broke when stdout cannot be written", async () => {
    const brokenStdout = "data:text/javascript,process.stdout.write=()=>{throw new Error('stdout is gone')}"
    const run = await offerops(cpp.env, ["operations", "acme/vm"], { nodeArgs: ["--import", brokenStdout] })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("unexpected failure")
    expect(run.stderr).toContain("stdout is gone")
  })
})
