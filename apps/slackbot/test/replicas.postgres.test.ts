/**
 * Two replicas on one Postgres (started as `pnpm postgres:dev` starts it), each a real process with
 * its own Slack port and runner address, behind no load balancer: the test sends each request to the
 * replica it chooses. A click may reach the replica that did not show the confirmation; one cancel
 * per offer holds across replicas; when the replica following a cancel is SIGKILLed, the other
 * takes the cancel over and posts its outcome once. One watcher runs for both (a cluster singleton): each
 * start is posted once, and the survivor of a SIGKILL goes on watching.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type DevPostgres, freePort, startDevPostgres } from "../scripts/DevPostgres.ts"
import { type BotBench, startBotBench } from "./support/BotBench.ts"
import type { BotProcess } from "./support/BotProcess.ts"
import { eventually } from "./support/eventually.ts"
import { text } from "./support/SlackUser.ts"
import { commandBody, postSigned } from "../try/SlackRequests.ts"

const requester = "U0ALLOWED"
const colleague = "U0COLLEAGUE"

describe("two replicas on Postgres", () => {
  let postgres: DevPostgres
  let bench: BotBench
  const command = (botUrl: string, user: string, commandText: string) => bench.users.command(botUrl, user, commandText)
  const click = (botUrl: string, user: string, value: string) => bench.users.click(botUrl, user, value)
  const postsTo = (id: string) => bench.users.postsTo(id)
  const cancelPosts = (offerId: string) => bench.cancelPosts(offerId)

  beforeAll(async () => {
    ;[postgres, bench] = await Promise.all([
      startDevPostgres(),
      startBotBench({ secret: "replica-test-signing-secret", allowed: [requester, colleague], env: { OFFEROPS_TAKEOVER_SECONDS: "8" } })
    ])
  }, 120_000)
  afterAll(async () => {
    // Either may be missing when the set-up failed.
    await bench?.close()
    await postgres?.stop()
  }, 60_000)

  const replicas = async (database: string, env: Record<string, string> = {}) => {
    const url = await postgres.createDatabase(database)
    const start = async () => bench.start({ DATABASE_URL: url, OFFEROPS_RUNNER_ADDRESS: `127.0.0.1:${await freePort()}`, ...env })
    // One after the other: the first creates the tables, the second finds them.
    const a = await start()
    const b = await start()
    return [a, b] as const
  }

  // The outcome reaches the channel by the click's response_url while it lasts (Slack takes 5
  // posts), else in the bot's own message: the outcomes told for one click, either way.
  const outcomeTold = (id: string) => [
    ...postsTo(id).filter((post) => post.body.response_type === "in_channel").map((post) => post.body),
    ...bench.slack.calls.filter((call) => call.method === "chat.postMessage" || call.method === "chat.update")
      .filter((call) => JSON.stringify(call.args).includes(":octagonal_sign:")).map((call) => call.args)
  ]

  it("takes a click on the replica that did not show the confirmation, and cancels once per offer across replicas", async () => {
    const [a, b] = await replicas("across")
    bench.emulator.addOffer("contoso", "across", { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    bench.emulator.startOperation("contoso", "across", "publish")
    const mine = await command(a.url, requester, "contoso/across")
    const theirs = await command(b.url, colleague, "contoso/across")
    // Both confirm at once, each on the other replica.
    const [first, second] = await Promise.all([click(b.url, requester, mine), click(a.url, colleague, theirs)])
    await eventually(() => outcomeTold(first).length + outcomeTold(second).length > 0, 60_000)
    const refused = [first, second].filter((id) => postsTo(id).some((post) => text(post).includes("is already in progress")))
    expect(refused).toHaveLength(1)
    expect(cancelPosts("across")).toHaveLength(1)
    const won = refused[0] === first ? second : first
    await eventually(() => outcomeTold(won).length === 1, 60_000)
    expect(JSON.stringify(outcomeTold(won)[0])).toContain(":octagonal_sign:")
  }, 240_000)

  it("finishes a cancel on the other replica when the one following it is SIGKILLed", async () => {
    const [a, b] = await replicas("takeover")
    bench.emulator.addOffer("contoso", "takeover", { cancel: "async", cancelCompletesAfter: { ms: 5_000, polls: 1_000_000 } })
    const operation = bench.emulator.startOperation("contoso", "takeover", "publish")
    const value = await command(a.url, requester, "contoso/takeover")
    const clicked = await click(a.url, requester, value)
    await eventually(() => cancelPosts("takeover").length === 1, 60_000)
    // Whichever replica owns the workflow's shard follows the cancel, and says so in its log (again
    // after each hand-over): the one that said it last follows it now.
    const said = (bot: BotProcess) => bot.stdout.filter((chunk) => chunk.text.includes("following the cancel")).map((chunk) => chunk.at)
    await eventually(() => said(a).length + said(b).length > 0, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const victim = Math.max(0, ...said(a)) > Math.max(0, ...said(b)) ? a : b
    const survivor = victim === a ? b : a
    const before = said(survivor).length
    await victim.kill("SIGKILL")
    const killedAt = performance.now()
    bench.emulator.advance(10_000)
    // The survivor finds the dead replica, takes its shards over and resumes the workflow.
    await eventually(() => said(survivor).length > before, 120_000)
    const takeoverMillis = performance.now() - killedAt
    await eventually(() => outcomeTold(clicked).length > 0, 60_000)
    console.log(`replica takeover (OFFEROPS_TAKEOVER_SECONDS=8): the survivor resumed the cancel ${Math.round(takeoverMillis)} ms after the SIGKILL`)
    expect(outcomeTold(clicked)).toHaveLength(1)
    expect(JSON.stringify(outcomeTold(clicked)[0])).toContain(":octagonal_sign:")
    expect(cancelPosts("takeover")).toHaveLength(1)
    expect(bench.emulator.operation(operation.id)?.status).toBe("canceled")
    expect(await survivor.kill("SIGTERM")).toBe(0)
  }, 300_000)

  it("posts each start once on two replicas, and the other goes on watching when the watching one is SIGKILLed", async () => {
    const [a, b] = await replicas("watching", { OFFEROPS_WATCH_SECONDS: "1" })
    bench.emulator.addOffer("contoso", "watched")
    const responseUrl = bench.slack.responseUrl()
    await postSigned(`${a.url}/slack/events`, "replica-test-signing-secret", commandBody({ user_id: requester, channel_id: "C0OPS", text: "watch contoso/watched", response_url: responseUrl }))
    await eventually(() => bench.slack.responses.some((post) => post.id === responseUrl.split("/").pop() && text(post).includes("now watches")), 30_000)
    const startsOf = (id: string) => bench.slack.calls.filter((call) => call.method === "chat.postMessage" && JSON.stringify(call.args).includes(id))
    const first = bench.emulator.startOperation("contoso", "watched", "golive")
    await eventually(() => startsOf(first.id).length > 0, 30_000)
    // Killed between its post and recording the post, a watcher leaves the end to a message of its own
    // (WatchOffer's crash window); this test is about the hand-over, so it waits for the record.
    const recorded = (bot: BotProcess) => bot.stdout.some((chunk) => chunk.text.includes('"start-posted"') && chunk.text.includes(first.id))
    await eventually(() => recorded(a) || recorded(b), 30_000)
    // The replica that runs the watcher posted and recorded the start; the other did not. (Which one
    // that is may change once while the second replica joins and the shards settle.)
    expect([a, b].filter(recorded)).toHaveLength(1)
    const watching = (bot: BotProcess) => bot.stdout.some((chunk) => chunk.text.includes("watching the subscribed offers on this replica"))
    const victim = recorded(a) ? a : b
    const survivor = victim === a ? b : a
    await victim.kill("SIGKILL")
    bench.emulator.advance(3 * 24 * 3_600_000 + 60_000)
    await eventually(() => watching(survivor), 120_000)
    await eventually(
      () => bench.slack.calls.some((call) => call.method === "chat.update" && JSON.stringify(call.args).includes(first.id) && JSON.stringify(call.args).includes("It completed")),
      120_000
    ).catch((error: unknown) => {
      // What the survivor said, to tell a slow machine from a watcher that stopped.
      console.log(survivor.stdout.map((chunk) => chunk.text).join("").slice(-4_000), survivor.stderr.join("").slice(-2_000))
      throw error
    })
    const second = bench.emulator.startOperation("contoso", "watched", "publish")
    await eventually(() => startsOf(second.id).length > 0, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(startsOf(first.id)).toHaveLength(1)
    expect(startsOf(second.id)).toHaveLength(1)
    expect(await survivor.kill("SIGTERM")).toBe(0)
  }, 300_000)
})
