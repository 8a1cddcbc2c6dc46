// One process of the ack bench, so the client, the apps and the remote services never share an
// event loop: `services` (fake Slack + demo emulator), `bot` (the real bot) or `bare` (Bolt and plain fetch doing the bot's follow-up).
// Prints what it serves as one JSON line, then serves until SIGTERM.
import { startEmulator } from "@offerops/emulator"
import bolt from "@slack/bolt"
import { Duration } from "effect"
import { mkdtemp, writeFile } from "node:fs/promises"
import { createServer } from "node:http"
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
  // How many replies reached the response_url, so the bench can let one app's follow-ups finish
  // before it times the other.
  const replies = createServer((_request, response) => response.end(String(slack.responses.length)))
  await new Promise((resolve) => replies.listen(0, "127.0.0.1", resolve))
  console.log(JSON.stringify({
    slackUrl: slack.url,
    slackApiUrl: slack.apiUrl,
    emulatorUrl: emulator.url,
    token: emulator.issueToken(),
    repliesUrl: `http://127.0.0.1:${replies.address().port}`
  }))
  stop = () => Promise.all([slack.close(), emulator.close(), new Promise((resolve) => replies.close(resolve))])
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
      DATABASE_URL: `file:${join(dirname(policyFile), "bot.sqlite")}`,
      // BENCH_OTLP=1 (see ack.mjs): the bot exports its traces and metrics.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith("OTEL_")))
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
  // The same follow-up as the bot's, with plain fetch: read what runs (the list, then the running
  // operation's detail), then post one reply to the response_url.
  const [publisher, offer] = (process.env.BENCH_TEXT ?? "contoso/contoso-vm").split("/")
  const api = `${remote.emulatorUrl}/api/publishers/${publisher}/offers/${offer}`
  const headers = { authorization: `Bearer ${remote.token}`, accept: "application/json" }
  const read = async (url) => (await fetch(`${url}?api-version=2017-10-31`, { headers })).json()
  app.command("/cancel-offer", async ({ ack, command }) => {
    await ack()
    const running = (await read(`${api}/submissions/`)).find((submission) => submission.submissionState === "running")
    const operation = running === undefined ? undefined : await read(`${api}/operations/${running.id}`)
    const text = operation === undefined ? "Nothing runs on this offer." : `Cancel ${running.id} (${operation.status ?? operation[0]?.status})?`
    const reply = await fetch(command.response_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", text })
    })
    await reply.arrayBuffer()
  })
  const server = await app.start({ port: 0, host: "127.0.0.1" })
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/slack/events` }))
  stop = () => app.stop()
} else {
  throw new Error(`usage: serve.mjs services|bot|bare`)
}
process.once("SIGTERM", () => void stop().then(() => process.exit(0)))
