// Ack latency of /cancel-offer: concurrent signed slash commands at the bot (which, after the ack,
// reads the offer from the emulator and posts a confirmation) and at a bare Bolt app that only
// acks. Client, apps and the fake remote services run in separate processes (see serve.mjs).
// Reports median and p99 per app and their ratio. No assertions; numbers vary by machine.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { commandBody, postSigned } from "../try/SlackRequests.ts"

const requests = Number(process.env.BENCH_REQUESTS ?? 200)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20)
const text = process.env.BENCH_TEXT ?? "contoso/contoso-vm"
const secret = "bench-signing-secret"

const children = []
const serve = async (kind, remote = {}) => {
  const child = spawn(process.execPath, [new URL("./serve.mjs", import.meta.url).pathname, kind], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_REMOTE: JSON.stringify(remote), BENCH_SECRET: secret }
  })
  children.push(child)
  const [line] = await once(child.stdout, "data")
  return JSON.parse(String(line).split("\n")[0])
}

const remote = await serve("services")
const [bare, bot] = await Promise.all([serve("bare", remote), serve("bot", remote)])
let responseUrls = 0

/** Sends `count` commands, `concurrency` at a time; returns the sorted ack latencies in ms. */
const fire = async (url, count) => {
  const latencies = []
  let sent = 0
  const worker = async () => {
    while (sent < count) {
      sent++
      const body = commandBody({ user_id: "U0BENCH", channel_id: "C0BENCH", text, response_url: `${remote.slackUrl}/response/b${++responseUrls}` })
      const started = performance.now()
      const response = await postSigned(url, secret, body)
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      if (response.status !== 200) throw new Error(`status ${response.status}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies.sort((a, b) => a - b)
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

try {
  const targets = { bare: bare.url, bot: bot.url }
  for (const url of Object.values(targets)) await fire(url, 40) // warm-up: auth.test, JIT, connections
  const results = {}
  for (const [name, url] of Object.entries(targets)) {
    const sorted = await fire(url, requests)
    results[name] = { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) }
  }
  const ms = (n) => `${n.toFixed(2)} ms`
  console.log(`/cancel-offer ack latency: ${requests} signed commands (${JSON.stringify(text)}), ${concurrency} concurrent`)
  for (const [name, { median, p99 }] of Object.entries(results)) {
    console.log(`  ${name.padEnd(5)} median ${ms(median).padStart(10)}   p99 ${ms(p99).padStart(10)}`)
  }
  console.log(`  bot/bare: median ${(results.bot.median / results.bare.median).toFixed(2)}x, p99 ${(results.bot.p99 / results.bare.p99).toFixed(2)}x`)
} finally {
  for (const child of children) child.kill("SIGTERM")
}
