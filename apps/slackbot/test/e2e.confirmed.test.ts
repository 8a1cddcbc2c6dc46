/**
 * A confirmed cancel stops what was confirmed, and its offer is free again however the cancel ended.
 * Over HTTP through the real Bolt receiver, the fake Slack and the CPP emulator; the emulator's
 * request log shows what reached the service.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { channel, slackUsers, text } from "./support/SlackUser.ts"

const requester = "U0ALLOWED"

describe("a confirmed cancel", () => {
  let h: Harness
  let users: ReturnType<typeof slackUsers>
  let offers = 0
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] })
    users = slackUsers(h.slack, signingSecret)
  })
  afterAll(async () => {
    await h.close()
  })

  const cancelPosts = (offerId: string) =>
    h.emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`/offers/${offerId}/cancel`))
  const outcomeOf = async (url: string) => {
    await eventually(() => users.postsTo(url).some((post) => post.body.response_type === "in_channel"), 20_000)
    return text(users.postsTo(url).at(-1))
  }
  const auditOutcomes = (offer: string) => h.audit.filter((line) => line.offer === offer && line.event === "outcome")

  it("sends nothing when another operation runs by the click, and says what runs now", async () => {
    const offerId = `swap-${++offers}`
    const offer = `contoso/${offerId}`
    h.emulator.addOffer("contoso", offerId, { stepDurationsMs: { live: 1_000 } })
    const a = h.emulator.startOperation("contoso", offerId, "golive").id
    const value = await users.command(h.bot.url, requester, offer)
    // While the confirmation is on screen, A goes live and a publish B starts.
    h.emulator.advance(60_000)
    const b = h.emulator.startOperation("contoso", offerId, "publish").id
    const outcome = await outcomeOf(await users.click(h.bot.url, requester, value))
    expect(cancelPosts(offerId)).toEqual([])
    expect(h.emulator.operation(b)?.status).toBe("running")
    expect(outcome).toContain(`The goLive ${a} on ${offer} no longer runs: publish ${b} runs now. No cancel was sent: nothing was cancelled.`)
    expect(outcome).toContain(`\`/cancel-offer status ${offer}\` shows what runs now`)
    await eventually(() => auditOutcomes(offer).length > 0)
    expect(auditOutcomes(offer)[0]).toMatchObject({ result: "operation-changed", where: channel })
  }, 30_000)

  it("frees its offer when the audit of its outcome fails, so the next cancel of that offer goes through", async () => {
    const offerId = `audit-${++offers}`
    const offer = `contoso/${offerId}`
    h.emulator.addOffer("contoso", offerId)
    const first = h.emulator.startOperation("contoso", offerId, "publish").id
    let failed = 0
    h.failAudit = (record) => record.offer === offer && record.event === "outcome" && ++failed === 1
    try {
      // The cancel goes through; the audit of its outcome then fails and the workflow ends in a defect.
      await users.click(h.bot.url, requester, await users.command(h.bot.url, requester, offer))
      await eventually(() => failed === 1 && h.emulator.operation(first)?.status === "canceled", 20_000)
    } finally {
      h.failAudit = () => false
    }
    const second = h.emulator.startOperation("contoso", offerId, "publish").id
    // The workflow's end (a defect) releases the hold a moment after the outcome was posted: until
    // then a click is refused as in progress. Before the fix it was refused for ever.
    let outcome = ""
    for (let attempt = 0; attempt < 20 && !outcome.includes("response_type\":\"in_channel"); attempt++) {
      const url = await users.click(h.bot.url, requester, await users.command(h.bot.url, requester, offer))
      await eventually(() => users.postsTo(url).length > 0)
      await eventually(() => users.postsTo(url).some((post) => post.body.response_type === "in_channel") || users.postsTo(url).some((post) => text(post).includes("already in progress")), 20_000)
      outcome = text(users.postsTo(url).at(-1))
      if (!outcome.includes("response_type\":\"in_channel")) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(outcome).toContain(`Cancelled publish ${second} on ${offer}.`)
    expect(h.emulator.operation(second)?.status).toBe("canceled")
    expect(cancelPosts(offerId)).toHaveLength(2)
  }, 60_000)
})
