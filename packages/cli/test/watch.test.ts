/**
 * `offerops watch`: following an operation from its location or a resume token, to each kind of
 * end. In process on a TestClock (offeropsHere); Ctrl-C goes to the built bundle.
 */
import { describe, expect, it } from "vitest"
import { advanceOnEachPoll, goLiveAtSignoff, jsonOf, offerops, offeropsHere, offeropsInterrupted, useEmulator } from "./support.ts"

const cpp = useEmulator()

const quickSteps = {
  displaydummycertify: 1_000,
  displaycertify: 1_000,
  displayprovision: 1_000,
  displaypackage: 1_000,
  "publisher-signoff": 1_000,
  live: 1_000
}

const fast = ["--poll-interval", "50ms"]

describe("offerops watch", () => {
  it("follows a location until the operation completes, one line per change", async () => {
    cpp.emulator.addOffer("acme", "moving", { stepDurationsMs: quickSteps })
    const { location, id } = cpp.emulator.startOperation("acme", "moving")
    const stop = advanceOnEachPoll(cpp.emulator, location, 1_000)
    const stopPublisher = goLiveAtSignoff(cpp.emulator, "acme", "moving", id)
    const run = await offeropsHere(cpp.env, ["watch", location, ...fast]).finally(() => {
      stop()
      stopPublisher()
    })
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split("\n")
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.slice(0, -1).every((line) => /^\d\d:\d\d:\d\d publish \S+ (running|completed)/.test(line))).toBe(true)
    expect(new Set(lines).size).toBe(lines.length)
    expect(run.stdout).toContain("step 2/6 Certification")
    expect(lines.at(-1)).toMatch(/^Done: publish \S+ completed$/)
  })

  it("reports the end as JSON", async () => {
    cpp.emulator.addOffer("acme", "done", { stepDurationsMs: quickSteps })
    const { location, id } = cpp.emulator.startOperation("acme", "done")
    cpp.emulator.advance(60_000)
    // The publish waits at sign-off until the publisher goes live, which ends it.
    cpp.emulator.startOperation("acme", "done", "golive")
    const run = await offeropsHere(cpp.env, ["watch", location, "--output", "json", ...fast])
    expect(run.code).toBe(0)
    expect(jsonOf(run)).toMatchObject({
      result: "completed",
      location: `${cpp.emulator.url}${location}`,
      operation: { id, state: "completed" }
    })
  })

  it("exits 7 with the service's messages when the operation fails", async () => {
    cpp.emulator.addOffer("acme", "doomed", { failAtStep: "displaydummycertify" })
    const { location } = cpp.emulator.startOperation("acme", "doomed")
    cpp.emulator.advance(24 * 3_600_000)
    const run = await offeropsHere(cpp.env, ["watch", location, ...fast])
    expect(run.code).toBe(7)
    expect(run.stderr).toMatch(/^error: the operation ended failed/)
    const json = await offeropsHere(cpp.env, ["watch", location, "--output", "json", ...fast])
    expect(json.code).toBe(7)
    expect(jsonOf(json).error).toEqual({ _tag: "OperationFailed", message: "the operation ended failed" })
  })

  it("exits 8 when the deadline passes, printing how to continue", async () => {
    cpp.emulator.addOffer("acme", "slow")
    const { location } = cpp.emulator.startOperation("acme", "slow")
    const run = await offeropsHere(cpp.env, ["watch", location, "--timeout", "200ms", ...fast])
    expect(run.code).toBe(8)
    expect(run.stderr).toMatch(/still running.*nothing was lost/)
    expect(run.stderr).toMatch(/\n {2}offerops watch ey\S+\n$/)
  })

  it("exits 2 on something that is neither a location nor a token", async () => {
    const run = await offeropsHere(cpp.env, ["watch", "not a token", "--output", "json"])
    expect(run.code).toBe(2)
    expect(jsonOf(run).error).toMatchObject({ _tag: "InvalidInput" })
  })

  it("exits 2 on a location on another host, which would receive the token", async () => {
    const run = await offeropsHere(cpp.env, ["watch", "https://elsewhere.example/api/operations/1"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("not an operation location of")
  })
})

describe("interrupting a wait", () => {
  it("Ctrl-C stops waiting, exits 130 and prints how to continue", async () => {
    cpp.emulator.addOffer("acme", "interrupted")
    const { location } = cpp.emulator.startOperation("acme", "interrupted")
    const result = await offeropsInterrupted(cpp.env, ["watch", location, ...fast], "running")
    expect(result.code).toBe(130)
    const token = /offerops watch (\S+)/.exec(result.stderr)?.[1]
    expect(token).toBeDefined()
    const resumed = await offerops(cpp.env, ["watch", token!, "--timeout", "100ms", "--output", "json", ...fast])
    expect(jsonOf(resumed).error._tag).toBe("WaitTimeout")
  })
})
