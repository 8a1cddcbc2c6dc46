/**
 * What the bot depends on fails mid-cancel: its SQLite file is locked by another connection for
 * 15 s, or Slack answers 503 when the outcome is due. The cancel still ends without a restart: the
 * outcome is audited, the offer released, the outcome posted (late, and audited as late, when Slack
 * was down).
 */
import { Duration } from "effect"
import { DatabaseSync } from "node:sqlite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { blockActionBody, commandBody, postSigned } from "../try/SlackRequests.ts"

const requester = "U0ALLOWED"
const channel = "C0OPS"
const text = (post: { readonly body: Record<string, unknown> } | undefined) => JSON.stringify(post?.body ?? {})

describe("a cancel while what the bot depends on fails", () => {
  let h: Harness
  let offers = 0
  let diskFull = false
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] }, "http", {}, {
      diskFull: () => diskFull,
      outcomeRetry: { tryFor: Duration.seconds(5), firstWait: Duration.millis(500), longestWait: Duration.seconds(1), retries: 120 }
    })
  })
  afterAll(() => h.close())

  const post = async (body: string) => {
    const response = await postSigned(h.events, signingSecret, body)
    expect(response.status).toBe(200)
  }
  const postsTo = (url: string) => h.slack.responses.filter((p) => p.id === url && p.n <= 5)
  const auditOf = (offer: string) => h.audit.filter((line) => line.offer === offer)
  const cancelPosts = (offerId: string) =>
    h.emulator.requests().filter((r) => r.method === "POST" && r.path.includes(`/offers/${offerId}/cancel`))

  /** A running publish whose cancel takes `polls` polls, confirmed and clicked; returns the click's response_url id. */
  const confirmedCancel = async (polls: number) => {
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "async", cancelCompletesAfter: { polls } })
    h.emulator.startOperation("contoso", offerId, "publish")
    const offer = `contoso/${offerId}`
    const asked = h.slack.responseUrl()
    await post(commandBody({ user_id: requester, channel_id: channel, text: offer, response_url: asked }))
    const askedId = asked.split("/").pop() ?? ""
    await eventually(() => postsTo(askedId).length > 0, 20_000)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(postsTo(askedId)[0]))?.[1] ?? ""
    const clicked = h.slack.responseUrl()
    await post(blockActionBody({ user_id: requester, channel_id: channel, action_id: "confirm_cancel", value, response_url: clicked }))
    return { offer, offerId, clicked: clicked.split("/").pop() ?? "" }
  }

  const held = (offer: string) => {
    const reader = new DatabaseSync(h.databaseFile, { readOnly: true })
    try {
      return reader.prepare("SELECT offer FROM offerops_offer_holds WHERE offer = ?").all(offer).length > 0
    } finally {
      reader.close()
    }
  }
  const outcomePosted = (clicked: string) => postsTo(clicked).some((p) => p.body.response_type === "in_channel")

  it("finishes a cancel whose database was locked for 15 s mid-way: posted, audited, released, no restart", async () => {
    const { offer, offerId, clicked } = await confirmedCancel(40)
    await eventually(() => cancelPosts(offerId).length === 1, 20_000)
    const locker = new DatabaseSync(h.databaseFile)
    locker.exec("BEGIN EXCLUSIVE")
    try {
      await new Promise((resolve) => setTimeout(resolve, 15_000))
    } finally {
      locker.exec("COMMIT")
      locker.close()
    }
    await eventually(() => postsTo(clicked).some((p) => p.body.response_type === "in_channel"), 60_000)
    expect(text(postsTo(clicked).at(-1))).toContain("Cancelled publish")
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"), 30_000)
    expect(auditOf(offer).filter((line) => line.event === "outcome").map((line) => line.result)).toEqual(["canceled"])
    // Released: a new command for the offer is not "already in progress".
    h.emulator.startOperation("contoso", offerId, "publish")
    const again = h.slack.responseUrl()
    await post(commandBody({ user_id: requester, channel_id: channel, text: offer, response_url: again }))
    const againId = again.split("/").pop() ?? ""
    await eventually(() => postsTo(againId).length > 0, 20_000)
    expect(text(postsTo(againId)[0])).toContain("confirm_cancel")
  }, 120_000)

  it("finishes a cancel whose disk filled up mid-way (SQLITE_FULL for 10 s): posted, audited, released, no restart", async () => {
    const { offer, offerId, clicked } = await confirmedCancel(40)
    await eventually(() => cancelPosts(offerId).length === 1, 20_000)
    diskFull = true
    try {
      await new Promise((resolve) => setTimeout(resolve, 10_000))
      // Nothing could be written meanwhile: no outcome yet, whatever the service says.
      expect(auditOf(offer).some((line) => line.event === "outcome")).toBe(false)
    } finally {
      diskFull = false
    }
    await eventually(() => outcomePosted(clicked), 60_000)
    expect(text(postsTo(clicked).at(-1))).toContain("Cancelled publish")
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"), 30_000)
    expect(auditOf(offer).filter((line) => line.event === "outcome").map((line) => line.result)).toEqual(["canceled"])
    await eventually(() => !held(offer), 30_000)
  }, 120_000)

  it("audits and releases while Slack answers 503 when the outcome is due, then posts it late and audits that", async () => {
    const { offer, offerId, clicked } = await confirmedCancel(6)
    await eventually(() => cancelPosts(offerId).length === 1, 20_000)
    h.slack.down = true
    try {
      await eventually(() => auditOf(offer).some((line) => line.event === "outcome"), 30_000)
      expect(auditOf(offer).find((line) => line.event === "outcome")?.result).toBe("canceled")
      await eventually(() => !held(offer), 30_000)
      // The outcome was tried and refused, more than once, and nothing reached the channel.
      await eventually(() => h.slack.refused.filter((p) => JSON.stringify(p.body).includes("Cancelled publish")).length >= 2, 30_000)
      expect(outcomePosted(clicked)).toBe(false)
    } finally {
      h.slack.down = false
    }
    const told = () => [
      ...postsTo(clicked).filter((p) => p.body.response_type === "in_channel"),
      ...h.slack.calls.filter((c) => c.method.startsWith("chat.") && JSON.stringify(c.args).includes("Cancelled publish"))
    ]
    await eventually(() => told().length > 0, 30_000)
    expect(JSON.stringify(told()[0])).toContain("Cancelled publish")
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome-post"), 30_000)
    expect(String(auditOf(offer).find((line) => line.event === "outcome-post")?.result)).toMatch(/^posted-late:\d+-retries$/)
  }, 120_000)

  it("while the database is locked: /healthz stays 200, /readyz says 503 without naming anything, a command is told nothing was done", async () => {
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "sync" })
    h.emulator.startOperation("contoso", offerId, "publish")
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200)
    const locker = new DatabaseSync(h.databaseFile)
    locker.exec("BEGIN EXCLUSIVE")
    try {
      const ready = await fetch(`${h.bot.url}/readyz`)
      expect(ready.status).toBe(503)
      const said = await ready.text()
      expect(JSON.parse(said)).toEqual({ ok: false })
      expect(said).not.toMatch(/sqlite|\/tmp|version/i)
      expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200)
      const asked = h.slack.responseUrl()
      await post(commandBody({ user_id: requester, channel_id: channel, text: `contoso/${offerId}`, response_url: asked }))
      const askedId = asked.split("/").pop() ?? ""
      await eventually(() => postsTo(askedId).length > 0, 20_000)
      expect(text(postsTo(askedId)[0])).toContain("cannot record anything right now")
      expect(text(postsTo(askedId)[0])).not.toContain("confirm_cancel")
    } finally {
      locker.exec("COMMIT")
      locker.close()
    }
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200)
  }, 60_000)

  it("while the database is locked, a Confirm click is told that nothing was done, and nothing is cancelled", async () => {
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "sync" })
    h.emulator.startOperation("contoso", offerId, "publish")
    const asked = h.slack.responseUrl()
    await post(commandBody({ user_id: requester, channel_id: channel, text: `contoso/${offerId}`, response_url: asked }))
    const askedId = asked.split("/").pop() ?? ""
    await eventually(() => postsTo(askedId).length > 0, 20_000)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(postsTo(askedId)[0]))?.[1] ?? ""
    const locker = new DatabaseSync(h.databaseFile)
    locker.exec("BEGIN EXCLUSIVE")
    try {
      const clicked = h.slack.responseUrl()
      await post(blockActionBody({ user_id: requester, channel_id: channel, action_id: "confirm_cancel", value, response_url: clicked }))
      const clickedId = clicked.split("/").pop() ?? ""
      await eventually(() => postsTo(clickedId).length > 0, 20_000)
      expect(text(postsTo(clickedId)[0])).toContain("nothing was done")
      expect(cancelPosts(offerId)).toHaveLength(0)
    } finally {
      locker.exec("COMMIT")
      locker.close()
    }
  }, 60_000)
})

describe("#23 one bot per SQLite file", () => {
  it("refuses a second bot on the same file in one line that points to Postgres, and lets one start once the first stopped", async () => {
    const first = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] })
    try {
      const second = startHarness({ allow: [] }, "http", { DATABASE_URL: `file:${first.databaseFile}` })
      await expect(second).rejects.toThrow(/another bot already uses the SQLite file .*Postgres/)
    } finally {
      await first.close()
    }
    const again = await startHarness({ allow: [] }, "http", { DATABASE_URL: `file:${first.databaseFile}` })
    await again.close()
  }, 60_000)
})
