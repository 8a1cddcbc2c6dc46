/**
 * The operation a person confirmed is not the one running when the cancel would be sent: a go-live A
 * is shown and confirmed, A completes while the prompt waits and a publish B starts. The CPP cancel
 * names only the offer, so a POST would cancel B: `cancel` reads what runs again, sends nothing, and
 * exits 12 with what runs now. The emulator's request log shows that no cancel reached it.
 */
import { describe, expect, it } from "vitest"
import { jsonOf, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator()
let offers = 0

/** `offerops cancel` answered y, with A → B swapped while the person reads the prompt. */
const cancelWhileItSwaps = async (args: ReadonlyArray<string>) => {
  const offerId = `swap-${++offers}`
  cpp.emulator.addOffer("acme", offerId, { stepDurationsMs: { live: 1_000 } })
  const a = cpp.emulator.startOperation("acme", offerId, "golive").id
  let b = ""
  const run = await offeropsHere(cpp.env, ["cancel", `acme/${offerId}`, "--poll-interval", "50ms", ...args], {
    typed: ["y"],
    whileTyping: () => {
      cpp.emulator.advance(60_000)
      b = cpp.emulator.startOperation("acme", offerId, "publish").id
    }
  })
  const posts = cpp.emulator.requests().filter((r) => r.method === "POST" && r.path.startsWith(`/api/publishers/acme/offers/${offerId}/cancel`))
  return { run, offerId, a, b, posts }
}

describe("cancel when another operation runs than the one confirmed", () => {
  it("sends no cancel, tells the person what runs now, and exits 12", async () => {
    const { run, offerId, a, b, posts } = await cancelWhileItSwaps([])
    expect(posts).toEqual([])
    expect(cpp.emulator.operation(b)?.status).toBe("running")
    expect(run.code).toBe(12)
    expect(run.stdout).toContain(`Cancel goLive ${a} on acme/${offerId}? [y/N]`)
    expect(run.stdout).toContain(
      `The goLive ${a} on acme/${offerId} no longer runs: publish ${b} runs now. No cancel was sent: nothing was cancelled.`
    )
    expect(run.stdout).toContain(`offerops operations acme/${offerId}`)
    expect(run.stdout).not.toContain("Cancelled")
  })

  it("prints result operation-changed with what runs now in JSON", async () => {
    const { run, offerId, a, b, posts } = await cancelWhileItSwaps(["--output", "json"])
    expect(posts).toEqual([])
    expect(run.code).toBe(12)
    expect(jsonOf(run)).toMatchObject({
      result: "operation-changed",
      publisherId: "acme",
      offerId,
      location: expect.stringContaining(`/operations/${a}`),
      operation: { id: a },
      running: { id: b, state: "running" },
      canceledInstead: null
    })
  })
})
