/**
 * Watching, end to end: signed `/cancel-offer watch` commands and clicks into the real app, the
 * watcher reading the CPP emulator (operations started through its admin API, as `pnpm emulator
 * publish` does), and what the fake Slack received in the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { adminTokenHeader } from "@offerops/emulator"
import { Subscriptions } from "../src/store/Subscriptions.ts"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { blockActionBody, commandBody, postSigned } from "../try/SlackRequests.ts"

const allowed = "U0ALLOWED"
const stranger = "U0STRANGER"
const channel = "C0RELEASE"
const day = 24 * 3_600_000

const text = (value: unknown) => JSON.stringify(value ?? {})

describe("watching offers from a channel", () => {
  let h: Harness
  let offers = 0
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [allowed], publishers: ["contoso"] }] }, "http", { OFFEROPS_WATCH_SECONDS: "1" })
  })
  afterAll(async () => {
    await h.close()
  })

  const command = async (user: string, commandText: string, where = channel) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, commandBody({ user_id: user, channel_id: where, text: commandText, response_url: responseUrl }))
    const id = responseUrl.split("/").pop() ?? ""
    await eventually(() => h.slack.responses.some((post) => post.id === id))
    return text(h.slack.responses.find((post) => post.id === id)?.body)
  }
  const click = async (user: string, action_id: string, value: string, where = channel) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, blockActionBody({ user_id: user, channel_id: where, action_id, value, response_url: responseUrl }))
    return responseUrl.split("/").pop() ?? ""
  }
  /** Starts an operation through the emulator's admin API, as the playground's `publish`/`golive` do. */
  const start = async (offerId: string, kind: "publish" | "golive") => {
    const response = await fetch(`${h.emulator.url}/_emulator/operations`, {
      method: "POST",
      headers: { "content-type": "application/json", [adminTokenHeader]: h.emulator.adminToken },
      body: JSON.stringify({ publisherId: "contoso", offerId, kind })
    })
    return (await response.json() as { id: string }).id
  }
  const watchedOffer = async () => {
    const offerId = `watched-${++offers}`
    h.emulator.addOffer("contoso", offerId)
    expect(await command(allowed, `watch contoso/${offerId}`)).toContain(`This channel now watches *contoso/${offerId}*`)
    return { offerId, offer: `contoso/${offerId}` }
  }
  const posts = (operationId: string, where = channel) =>
    h.slack.calls.filter((call) => call.method === "chat.postMessage" && call.args.channel === where && text(call.args).includes(operationId))
  const edits = (operationId: string) =>
    h.slack.calls.filter((call) => call.method === "chat.update" && call.args.channel === channel && text(call.args).includes(operationId))
  const auditOf = (offer: string, event: string) => h.audit.filter((line) => line.offer === offer && line.event === event)

  it("subscribes a channel for people the policy allows, lists and ends subscriptions", async () => {
    h.emulator.addOffer("contoso", "listed")
    expect(await command(stranger, "watch contoso/listed")).toContain("may not cancel operations of publisher")
    expect(await command(allowed, "watch contoso/listed")).toContain("This channel now watches *contoso/listed*")
    expect(await command(allowed, "watch contoso/listed")).toContain("already watches")
    const listed = await command(stranger, "watching")
    expect(listed).toContain("*contoso/listed*, added by <@U0ALLOWED> on <!date^")
    expect(await command(allowed, "watching", "C0ELSEWHERE")).toContain("This channel watches no offer")
    // A private channel the bot is not in: it cannot post there, and says so.
    h.slack.channels.set("C0PRIVATE", { private: true, member: false })
    expect(await command(allowed, "watch contoso/listed", "C0PRIVATE")).toContain("Invite it (`/invite @offerops`)")
    h.slack.channels.set("C0OLD", { archived: true })
    expect(await command(allowed, "watch contoso/listed", "C0OLD")).toContain("it is archived")
    expect(await command(allowed, "unwatch contoso/listed")).toContain("no longer watches *contoso/listed*")
    expect(await command(allowed, "unwatch contoso/listed")).toContain("does not watch")
    expect(auditOf("contoso/listed", "subscription").map((line) => line.result)).toEqual([
      "watch:added", "watch:already", "refused:private", "refused:archived", "unwatched", "not-watched"
    ])
  })

  it("posts an operation once when it starts, edits it as it moves, and says how it ended", async () => {
    const { offerId, offer } = await watchedOffer()
    const operationId = await start(offerId, "golive")
    const started = performance.now()
    await eventually(() => posts(operationId).length > 0, 5_000)
    // Within one interval (1 s) plus the time to notice a new subscription; bounded generously for a loaded machine.
    expect(performance.now() - started).toBeLessThan(4_000)
    const first = text(posts(operationId)[0]?.args)
    expect(first).toContain(`A *go-live* started on *${offer}*`)
    expect(first).toContain("watch_cancel")
    expect(first).toContain("Live (")
    // The go-live's one step ends after 3 virtual days: the message is edited to say it completed.
    h.emulator.advance(3 * day + 60_000)
    await eventually(() => edits(operationId).some((call) => text(call.args).includes("It completed")), 10_000)
    const last = text(edits(operationId).at(-1)?.args)
    expect(last).not.toContain("watch_cancel")
    // Several more reads: still one post, and no edit after the end.
    const editsAtEnd = edits(operationId).length
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(posts(operationId)).toHaveLength(1)
    expect(edits(operationId)).toHaveLength(editsAtEnd)
    await eventually(() => auditOf(offer, "watch").length === 2)
    expect(auditOf(offer, "watch").map((line) => line.result)).toEqual(["start-posted", "end:completed"])
    // `history` shows what watching did.
    const history = await command(allowed, `history ${offer}`)
    expect(history).toContain("What watching did on")
    expect(history).toContain("end:completed")
  })

  it("cancels through the button's confirmation, and the end says who cancelled", async () => {
    const { offerId, offer } = await watchedOffer()
    const operationId = await start(offerId, "publish")
    await eventually(() => posts(operationId).length > 0, 5_000)
    expect(text(posts(operationId)[0]?.args)).toContain(":arrow_forward: Validate Pre-Requisites (running")
    // It moves: past the first step (10 virtual minutes) the message shows Certification running.
    h.emulator.advance(11 * 60_000)
    await eventually(() => edits(operationId).some((call) => text(call.args).includes(":arrow_forward: Certification (running")), 5_000)
    // Someone the policy does not allow clicks: refused, only they see it.
    const refused = await click(stranger, "watch_cancel", offer)
    await eventually(() => h.slack.responses.some((post) => post.id === refused))
    expect(text(h.slack.responses.find((post) => post.id === refused)?.body)).toContain("may not cancel")
    const clicked = await click(allowed, "watch_cancel", offer)
    await eventually(() => h.slack.responses.some((post) => post.id === clicked))
    const confirmation = h.slack.responses.find((post) => post.id === clicked)
    expect(confirmation?.body).toMatchObject({ response_type: "ephemeral", replace_original: false })
    expect(text(confirmation?.body)).toContain(operationId)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(confirmation?.body))?.[1] ?? ""
    expect(value).not.toBe("")
    await click(allowed, "confirm_cancel", value)
    await eventually(() => h.emulator.operation(operationId)?.status === "canceled", 10_000)
    await eventually(() => edits(operationId).some((call) => text(call.args).includes("cancelled through this bot by <@U0ALLOWED>")), 10_000)
    expect(posts(operationId)).toHaveLength(1)
    await eventually(() => auditOf(offer, "watch").length === 2)
    expect(auditOf(offer, "watch").map((line) => line.result)).toEqual(["start-posted", `end:canceled-by:${allowed}`])
  })

  it("posts nothing twice across a restart in the middle of an operation", { timeout: 60_000 }, async () => {
    const { offerId, offer } = await watchedOffer()
    const operationId = await start(offerId, "golive")
    await eventually(() => posts(operationId).length > 0, 5_000)
    await h.restart()
    h.emulator.advance(3 * day + 60_000)
    // About 6 s on an idle machine; a bot starting under the full suite's load takes longer.
    await eventually(() => edits(operationId).some((call) => text(call.args).includes("It completed")), 45_000)
    expect(posts(operationId)).toHaveLength(1)
    await eventually(() => auditOf(offer, "watch").length === 2)
    expect(auditOf(offer, "watch").map((line) => line.result)).toEqual(["start-posted", "end:completed"])
  })

  it("pauses an offer that answers 403, with one message, and reads it no more", async () => {
    const { offerId, offer } = await watchedOffer()
    h.emulator.addFault({ route: `/api/publishers/contoso/offers/${offerId}/submissions`, kind: "status", status: 403 })
    const paused = () => h.slack.calls.filter((call) => call.method === "chat.postMessage" && text(call.args).includes(`Watching *${offer}* is paused`))
    await eventually(() => paused().length > 0 && auditOf(offer, "watch").length > 0, 5_000)
    const reads = () => h.emulator.requests().filter((request) => request.path.includes(`/offers/${offerId}/submissions`)).length
    const readsWhenPaused = reads()
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(paused()).toHaveLength(1)
    expect(reads()).toBe(readsWhenPaused)
    expect(text(paused()[0]?.args)).toContain("403 Forbidden")
    expect(await command(allowed, "watching")).toContain("paused since")
    expect(auditOf(offer, "watch").map((line) => line.result)).toEqual(["paused:403 Forbidden"])
  })

  it("ends the subscriptions of a channel the bot was removed from, with an audit row", async () => {
    const where = "C0SOONGONE"
    h.emulator.addOffer("contoso", "gone-channel")
    expect(await command(allowed, "watch contoso/gone-channel", where)).toContain("now watches")
    h.slack.channels.set(where, { gone: true })
    const operationId = await start("gone-channel", "publish")
    await eventually(() => auditOf("contoso/gone-channel", "watch").some((line) => line.result === "channel-gone:channel_not_found"), 5_000)
    const left = await h.bot.runtime.runPromise(Subscriptions.use((s) => s.ofChannel(where)))
    expect(left).toHaveLength(0)
    // Slack refused the one post it was sent; the channel is not tried again.
    const tried = h.slack.calls.filter((call) => call.args.channel === where).length
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(h.slack.calls.filter((call) => call.args.channel === where)).toHaveLength(tried)
    expect(posts(operationId, where)).toHaveLength(1)
  })

  it("reads 200 watched offers within the configured requests per minute", async () => {
    // Another bot on its own database: 200 subscriptions, at most 120 requests a minute.
    const busy = await startHarness({ allow: [{ users: [allowed], publishers: ["contoso"] }] }, "http", {
      OFFEROPS_WATCH_SECONDS: "1",
      OFFEROPS_WATCH_REQUESTS_PER_MINUTE: "120"
    })
    try {
      for (let i = 0; i < 200; i++) busy.emulator.addOffer("contoso", `many-${i}`)
      await busy.bot.runtime.runPromise(
        Subscriptions.use((s) => s.watch({ channel, offer: "contoso/many-0", by: allowed }))
      )
      const reads = () => busy.emulator.requests().filter((request) => request.path.includes("/offers/many-")).length
      // One offer first, so the clock starts at its first read.
      await eventually(() => reads() > 0, 5_000)
      for (let i = 1; i < 200; i++) {
        await busy.bot.runtime.runPromise(Subscriptions.use((s) => s.watch({ channel, offer: `contoso/many-${i}`, by: allowed })))
      }
      const from = performance.now()
      const before = reads()
      await new Promise((resolve) => setTimeout(resolve, 5_000))
      const seconds = (performance.now() - from) / 1_000
      // 200 offers due every second would be 1,000 reads in 5 s; the bound allows 2 a second.
      const made = reads() - before
      expect(made).toBeGreaterThan(0)
      expect(made).toBeLessThanOrEqual(Math.ceil(seconds * 2) + 1)
    } finally {
      await busy.close()
    }
  })
})
