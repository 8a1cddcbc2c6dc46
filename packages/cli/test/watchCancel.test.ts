/**
 * `watch` of a token from `cancel --no-wait` ends as `cancel` would have: here the go-live completes
 * while the cancel is on its way (the emulator holds the POST back), the service answers with a
 * cancel operation that had nothing to cancel, and the token follows it and then the go-live.
 */
import { describe, expect, it } from "vitest"
import { jsonOf, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator()
let offers = 0

const tokenOfCancelWhileItCompletes = async () => {
  const offerId = `gone-${++offers}`
  cpp.emulator.addOffer("acme", offerId, { cancel: "async", stepDurationsMs: { live: 1_000 } })
  const { id } = cpp.emulator.startOperation("acme", offerId, "golive")
  cpp.emulator.addFault({ route: `/api/publishers/acme/offers/${offerId}/cancel`, method: "POST", kind: "latency", latencyMs: 2_000, times: 1 })
  const lists = () => cpp.emulator.requests().filter((r) => r.method === "GET" && r.path.startsWith(`/api/publishers/acme/offers/${offerId}/submissions`))
  // The second list is the re-read just before the POST: the go-live ends while the POST is held back.
  const poll = setInterval(() => {
    if (lists().length < 2) return
    clearInterval(poll)
    cpp.emulator.advance(60_000)
  }, 5)
  const run = await offeropsHere(cpp.env, ["cancel", `acme/${offerId}`, "--yes", "--no-wait", "--output", "json"]).finally(() => clearInterval(poll))
  expect(run.code).toBe(0)
  expect(jsonOf(run).result).toBe("accepted")
  return { offerId, id, token: String(jsonOf(run).resumeToken) }
}

describe("watch of a cancel's token", () => {
  it("exits 11 and says nothing was cancelled when the operation completed first", async () => {
    const { offerId, id, token } = await tokenOfCancelWhileItCompletes()
    const run = await offeropsHere(cpp.env, ["watch", token, "--poll-interval", "50ms"])
    expect(run.code).toBe(11)
    expect(run.stdout).toContain(`The goLive ${id} on acme/${offerId} completed on its own before the cancel took effect: nothing was cancelled.`)
    expect(run.stdout).not.toContain("Done:")
  }, 40_000)

  it("prints the same JSON document as cancel", async () => {
    const { offerId, id, token } = await tokenOfCancelWhileItCompletes()
    const run = await offeropsHere(cpp.env, ["watch", token, "--output", "json", "--poll-interval", "50ms"])
    expect(run.code).toBe(11)
    expect(jsonOf(run)).toMatchObject({ result: "ended-first", publisherId: "acme", offerId, operation: { id, state: "completed" } })
  }, 40_000)
})
