/**
 * A bot killed mid-cancel and started again on the same SQLite file: real processes, real sockets,
 * the CPP emulator and the fake Slack. The cancel's workflow resumes where it was: one cancel POST,
 * one outcome post, one outcome audit line; the offer stays held across the restart, and a
 * confirmation issued before the kill still works after it.
 */
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BotBench, startBotBench } from "./support/BotBench.ts"
import { eventually } from "./support/eventually.ts"
import { text } from "./support/SlackUser.ts"

const requester = "U0ALLOWED"
const colleague = "U0COLLEAGUE"

describe("a bot restarted while it follows a cancel (SQLite)", () => {
  let bench: BotBench
  const command = (botUrl: string, user: string, commandText: string) => bench.users.command(botUrl, user, commandText)
  const click = (botUrl: string, user: string, value: string) => bench.users.click(botUrl, user, value)
  const postsTo = (id: string) => bench.users.postsTo(id)
  const start = () => bench.start({ DATABASE_URL: `file:${join(bench.dir, "bot.sqlite")}` })

  beforeAll(async () => {
    bench = await startBotBench({ secret: "restart-test-signing-secret", allowed: [requester, colleague] })
  })
  afterAll(() => bench.close())

  const polls = () => bench.emulator.requests().filter((request) => request.method === "GET" && request.path.includes("/operations/"))
  const outcomes = (offer: string) => bench.bots.flatMap((bot) => bot.audit).filter((line) => line.offer === offer && line.event === "outcome")

  it("resumes the cancel after SIGKILL: one cancel POST, one outcome post and audit line; the hold and older confirmations survive", async () => {
    // The cancel operation takes 5 s of the emulator's time, which moves only when the test says.
    bench.emulator.addOffer("contoso", "slow", { cancel: "async", cancelCompletesAfter: { ms: 5_000, polls: 1_000_000 } })
    const slow = bench.emulator.startOperation("contoso", "slow", "publish")
    bench.emulator.addOffer("contoso", "other", { cancel: "sync" })
    bench.emulator.startOperation("contoso", "other", "publish")

    const first = await start()
    const mine = await command(first.url, requester, "contoso/slow")
    const theirs = await command(first.url, colleague, "contoso/slow")
    const later = await command(first.url, requester, "contoso/other")

    const clicked = await click(first.url, requester, mine)
    // Mid-wait: the cancel was sent and the bot has polled it a few times, posting progress.
    await eventually(() => bench.cancelPosts("slow").length === 1 && polls().length >= 3, 60_000)
    await eventually(() => postsTo(clicked).length >= 2, 30_000)
    expect(await first.kill("SIGKILL")).toBe(null)
    const postsBeforeKill = postsTo(clicked).length

    const second = await start()
    // The offer is still held by the interrupted cancel: a second person's confirm is refused.
    const refused = await click(second.url, colleague, theirs)
    await eventually(() => postsTo(refused).length === 1, 30_000)
    expect(text(postsTo(refused)[0])).toContain("is already in progress")

    bench.emulator.advance(10_000)
    const told = (body: unknown) => JSON.stringify(body).includes(`:octagonal_sign: <@${requester}>`)
    // The outcome reaches the channel exactly once: by the click's response_url while it lasts
    // (Slack takes 5 posts; the fake records and refuses more), else in the bot's own message.
    const outcomePosts = () => [
      ...postsTo(clicked).filter((post) => post.body.response_type === "in_channel" && told(post.body)),
      ...bench.slack.calls.filter((call) => (call.method === "chat.postMessage" || call.method === "chat.update") && told(call.args))
    ]
    await eventually(() => outcomePosts().length > 0, 60_000)
    await eventually(() => outcomes("contoso/slow").length > 0, 30_000)
    expect(outcomePosts()).toHaveLength(1)
    expect(postsTo(clicked).length).toBeGreaterThan(postsBeforeKill)
    expect(bench.cancelPosts("slow")).toHaveLength(1)
    expect(bench.emulator.operation(slow.id)?.status).toBe("canceled")
    expect(outcomes("contoso/slow").map((line) => line.result)).toEqual(["canceled"])

    // Issued before the kill, used after it.
    const otherClick = await click(second.url, requester, later)
    await eventually(() => postsTo(otherClick).some((post) => post.body.response_type === "in_channel"), 60_000)
    expect(bench.cancelPosts("other")).toHaveLength(1)

    // SIGTERM: a clean stop.
    expect(await second.kill("SIGTERM")).toBe(0)
  }, 240_000)
})
