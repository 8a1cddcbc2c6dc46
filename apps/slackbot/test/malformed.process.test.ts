/**
 * #23, as in production: a real bot process. A correctly signed `payload=null` (which used to make
 * Bolt throw outside any handler, ending the process with exit 1) gets a 400, and the process stays up.
 */
import { join } from "node:path"
import { afterAll, beforeAll, expect, it } from "vitest"
import { postSigned } from "../try/SlackRequests.ts"
import { type BotBench, startBotBench } from "./support/BotBench.ts"

const secret = "malformed-process-signing-secret"
let bench: BotBench
beforeAll(async () => {
  bench = await startBotBench({ secret, allowed: ["U0ALLOWED"] })
})
afterAll(() => bench.close())

it("answers a signed payload=null with 400 and stays up", async () => {
  const bot = await bench.start({ DATABASE_URL: `file:${join(bench.dir, "bot.sqlite")}` })
  for (const body of ["payload=null", "payload=%5B%5D", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions" }))}`]) {
    expect((await postSigned(`${bot.url}/slack/events`, secret, body)).status).toBe(400)
  }
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(bot.child.exitCode).toBe(null)
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200)
  expect(bot.stderr.join("")).toContain("refused a request to the events URL (400)")
}, 120_000)
