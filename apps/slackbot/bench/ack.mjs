// Ack latency of /cancel-offer under bursts: signed slash commands, BENCH_CONCURRENCY (50) at a
// time, at the bot (which, after the ack, reads what runs from the emulator and posts a
// confirmation) and at a bare Bolt app doing the same follow-up with plain fetch (serve.mjs).
// Client, apps and the fake remote services run in separate processes. The apps take turns, round
// by round, and each round waits for its replies to arrive, so that load on a shared machine and
// one app's follow-ups fall on both alike. Prints p50 and p99 per app and the ratios (goal ≤ 1.3);
// asserts nothing. BENCH_OTLP=1 turns the bot's OTLP export on.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { setTimeout as sleep } from "node:timers/promises"
import { commandBody, postSigned } from "../try/SlackRequests.ts"

const rounds = Number(process.env.BENCH_ROUNDS ?? 6)
const perRound = Number(process.env.BENCH_REQUESTS ?? 100)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50)
const text = process.env.BENCH_TEXT ?? "contoso/contoso-vm"
const secret = "bench-signing-secret"

// BENCH_OTLP=1: the bot exports traces and metrics over OTLP/HTTP to a sink in this process (which
// answers 200 and drops them), to compare its acks with export on and off.
if (process.env.BENCH_OTLP === "1") {
  const { createServer } = await import("node:http")
  const sink = createServer((request, response) => request.resume().on("end", () => response.end("{}"))).listen(0, "127.0.0.1")
  await once(sink, "listening")
  sink.unref()
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${sink.address().port}`
  console.log(`OTLP export on (${process.env.OTEL_EXPORTER_OTLP_ENDPOINT})`)
}

const children = []
const serve = async (kind, remote = {}) => {
  const child = spawn(process.execPath, [new URL("./serve.mjs", import.meta.url).pathname, kind], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_REMOTE: JSON.stringify(remote), BENCH_SECRET: secret, BENCH_TEXT: text }
  })
  children.push(child)
  const [line] = await once(child.stdout, "data")
  return JSON.parse(String(line).split("\n")[0])
}

const remote = await serve("services")
const [bare, bot] = await Promise.all([serve("bare", remote), serve("bot", remote)])
let responseUrls = 0
let sentTotal = 0

const replies = async () => Number(await (await fetch(remote.repliesUrl)).text())
/** Waits (at most 60 s) until every command sent so far has had its reply. */
const settle = async () => {
  for (let waited = 0; waited < 60_000 && (await replies()) < sentTotal; waited += 50) await sleep(50)
}

/** Sends `count` commands, `concurrency` at a time; returns their ack latencies in ms. */
const fire = async (url, count) => {
  const latencies = []
  let sent = 0
  const worker = async () => {
    while (sent < count) {
      sent++
      sentTotal++
      const body = commandBody({ user_id: "U0BENCH", channel_id: "C0BENCH", text, response_url: `${remote.slackUrl}/response/b${++responseUrls}` })
      const started = performance.now()
      const response = await postSigned(url, secret, body)
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      if (response.status !== 200) throw new Error(`status ${response.status}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  await settle()
  return latencies
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

try {
  const targets = { bare: bare.url, bot: bot.url }
  for (const url of Object.values(targets)) await fire(url, 2 * concurrency) // warm-up: auth.test, JIT, connections
  const samples = { bare: [], bot: [] }
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of Object.entries(targets)) samples[name].push(...(await fire(url, perRound)))
  }
  const results = Object.fromEntries(Object.entries(samples).map(([name, latencies]) => {
    const sorted = latencies.sort((a, b) => a - b)
    return [name, { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) }]
  }))
  const ms = (n) => `${n.toFixed(1)} ms`
  console.log(`/cancel-offer ack latency: ${rounds} rounds of ${perRound} signed commands per app (${JSON.stringify(text)}), ${concurrency} concurrent`)
  for (const [name, { p50, p99 }] of Object.entries(results)) {
    console.log(`  ${name.padEnd(5)} p50 ${ms(p50).padStart(10)}   p99 ${ms(p99).padStart(10)}`)
  }
  console.log(`  bot/bare (goal ≤ 1.3): p50 ${(results.bot.p50 / results.bare.p50).toFixed(2)}x, p99 ${(results.bot.p99 / results.bare.p99).toFixed(2)}x`)
} finally {
  for (const child of children) child.kill("SIGTERM")
}
