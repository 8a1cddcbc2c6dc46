// One process of the ack bench, so the client, the apps and the remote services never share an
// event loop: `services` (fake Slack + demo emulator), `bot` (the real bot) or `bare` (Bolt, ack only).
// Prints what it serves as one JSON line, then serves until SIGTERM.
import { startEmulator } from "@offerops/emulator"
import bolt from "@slack/bolt"
import { Duration } from "effect"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { startBot } from "../src/main.ts"
import { startFakeSlack } from "../test/support/FakeSlack.ts"

const { App, HTTPReceiver, LogLevel } = bolt
const kind = process.argv[2]
const remote = JSON.parse(process.env.BENCH_REMOTE ?? "{}")
const secret = process.env.BENCH_SECRET ?? ""
let stop

if (kind === "services") {
  const slack = await startFakeSlack()
  const emulator = await startEmulator({ demo: true })
  console.log(JSON.stringify({ slackUrl: slack.url, slackApiUrl: slack.apiUrl, emulatorUrl: emulator.url, token: emulator.issueToken() }))
  stop = () => Promise.all([slack.close(), emulator.close()])
} else if (kind === "bot") {
  const policyFile = join(await mkdtemp(join(tmpdir(), "slackbot-bench-")), "policy.json")
  await writeFile(policyFile, JSON.stringify({ allow: [{ users: ["U0BENCH"], publishers: ["contoso"] }] }))
  const bot = await startBot({
    env: {
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_API_URL: remote.slackApiUrl,
      PORT: "0",
      OFFEROPS_POLICY_FILE: policyFile,
      CPP_BASE_URL: remote.emulatorUrl,
      CPP_TOKEN: remote.token,
      DATABASE_URL: `file:${join(dirname(policyFile), "bot.sqlite")}`
    },
    host: "127.0.0.1",
    cpp: { pollInitial: Duration.millis(20) },
    auditWrite: () => {},
    logLevel: LogLevel.ERROR
  })
  console.log(JSON.stringify({ url: `${bot.url}/slack/events` }))
  stop = () => bot.stop()
} else if (kind === "bare") {
  const receiver = new HTTPReceiver({ signingSecret: secret, processBeforeResponse: false, logLevel: LogLevel.ERROR })
  const app = new App({ token: "xoxb-bench", receiver, clientOptions: { slackApiUrl: remote.slackApiUrl }, logLevel: LogLevel.ERROR })
  app.command("/cancel-offer", async ({ ack }) => {
    await ack()
  })
  const server = await app.start({ port: 0, host: "127.0.0.1" })
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/slack/events` }))
  stop = () => app.stop()
} else {
  throw new Error(`usage: serve.mjs services|bot|bare`)
}
process.once("SIGTERM", () => void stop().then(() => process.exit(0)))
