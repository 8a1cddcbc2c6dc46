/**
 * The operation finishes on its own while the cancel is on its way: `cancel` must not say "canceled".
 * The emulator holds the cancel request back (a latency fault) while the test moves its clock past
 * the go-live's end (a publish would wait at sign-off), so the service answers the cancel with
 * nothing left to cancel.
 */
import { describe, expect, it } from "vitest"
import { jsonOf, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator()
let offers = 0

/** Runs `offerops cancel` on a go-live that completes between the CLI's read and its cancel. */
const cancelWhileItCompletes = async (args: ReadonlyArray<string>) => {
  const offerId = `race-${++offers}`
  cpp.emulator.addOffer("acme", offerId, { stepDurationsMs: { live: 1_000 } })
  const { id } = cpp.emulator.startOperation("acme", offerId, "golive")
  cpp.emulator.addFault({ route: `/api/publishers/acme/offers/${offerId}/cancel`, method: "POST", kind: "latency", latencyMs: 3_000, times: 1 })
  const listed = () => cpp.emulator.requests().some((r) => r.method === "GET" && r.path.startsWith(`/api/publishers/acme/offers/${offerId}/submissions`))
  const running = offeropsHere(cpp.env, ["cancel", `acme/${offerId}`, "--yes", "--poll-interval", "50ms", ...args])
  // Once the CLI has seen it running, the go-live ends before the held-back cancel reaches the service.
  const poll = setInterval(() => {
    if (!listed()) return
    clearInterval(poll)
    cpp.emulator.advance(60_000)
  }, 10)
  const run = await running.finally(() => clearInterval(poll))
  return { run, offerId, publishId: id }
}

describe("cancel when the operation ends first", () => {
  it("prints result ended-first with the operation as it ended, and exits 11", async () => {
    const { run, offerId, publishId } = await cancelWhileItCompletes(["--output", "json"])
    expect(run.code).toBe(11)
    const doc = jsonOf(run)
    expect(Object.keys(doc)).toEqual(["result", "publisherId", "offerId", "location", "operation"])
    expect(doc).toMatchObject({
      result: "ended-first",
      publisherId: "acme",
      offerId,
      location: expect.stringContaining(`/api/publishers/acme/offers/${offerId}/operations/${publishId}`),
      operation: { id: publishId, state: "completed" }
    })
    expect(cpp.emulator.operation(publishId)?.status).toBe("completed")
  }, 40_000)

  it("tells a person that nothing was cancelled", async () => {
    const { run, publishId } = await cancelWhileItCompletes([])
    expect(run.code).toBe(11)
    expect(run.stdout).toContain(`The goLive ${publishId} on acme/race-2 completed on its own before the cancel took effect: nothing was cancelled.`)
    expect(run.stdout).not.toContain("Cancelled")
  }, 40_000)
})
