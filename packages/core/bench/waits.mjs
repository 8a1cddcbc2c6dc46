// One run of the scale bench: N concurrent `awaitOperation`s in this process against the bench
// server (argv: N, server URL, operation seconds). The waits start evenly over one Retry-After
// period, as independent waits would; each operation ends at a random moment in the last quarter of
// its length, so the poll that notices it falls anywhere in the Retry-After window. Prints one JSON
// line of measurements. Run with --expose-gc (heap per wait is measured after a full collection).
import { Duration, Effect, Layer, ManagedRuntime } from "effect"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { awaitOperation } from "../src/index.ts"
import { cppClientNode } from "../src/node.ts"

const [count, baseUrl, operationSeconds] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])]
const spreadMillis = 2_000
const operationMillis = operationSeconds * 1_000

process.env.CPP_TOKEN = "bench-token"
const runtime = ManagedRuntime.make(
  cppClientNode({
    baseUrl,
    requestTimeout: Duration.seconds(30),
    waitTimeout: Duration.millis(operationMillis + 60_000),
    ...(process.env.BENCH_CONNECTIONS === undefined ? {} : { maxConnections: Number(process.env.BENCH_CONNECTIONS) })
  }).pipe(
    Layer.orDie
  )
)
const location = (endsAt) => `/api/publishers/bench/offers/vm/operations/${endsAt}`
const wait = (endsAt) => runtime.runPromiseExit(awaitOperation(location(endsAt)))
const stats = async () => (await (await fetch(`${baseUrl}/stats`)).json()).reads

// Warm up (connections, JIT) so the baseline heap holds everything a wait shares with the others.
await Promise.all(Array.from({ length: 200 }, () => wait(Date.now())))
globalThis.gc()
const heapBefore = process.memoryUsage().heapUsed
const readsBefore = await stats()
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()
const cpuBefore = process.cpuUsage()
const started = performance.now()

const delays = []
let heapDuring = 0
const waits = []
for (let i = 0; i < count; i++) {
  const startsAt = Date.now()
  const endsAt = startsAt + operationMillis * (0.75 + 0.25 * Math.random())
  waits.push(wait(Math.round(endsAt)).then((exit) => {
    // A wait that reached its deadline (operation length + 60 s) before noticing the end is missed.
    if (exit._tag === "Success") delays.push(Date.now() - Math.round(endsAt))
  }))
  // Spread the starts: one slice of waits per millisecond-ish tick of the spread.
  if (i % Math.ceil(count / (spreadMillis / 10)) === 0) await new Promise((resolve) => setTimeout(resolve, 10))
}
// Halfway through, every wait is sleeping or polling: what the waits hold is on the heap.
setTimeout(() => {
  globalThis.gc()
  heapDuring = process.memoryUsage().heapUsed
}, operationMillis / 2).unref()
await Promise.all(waits)

const cpu = process.cpuUsage(cpuBefore)
const elapsed = performance.now() - started
loop.disable()
const reads = (await stats()) - readsBefore
await runtime.dispose()
delays.sort((a, b) => a - b)
const quantile = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]
console.log(JSON.stringify({
  waits: count,
  missed: count - delays.length,
  reads,
  seconds: elapsed / 1_000,
  cpuMsPerRequest: (cpu.user + cpu.system) / 1_000 / reads,
  cpuShare: (cpu.user + cpu.system) / 1_000 / elapsed,
  peakRssMb: process.resourceUsage().maxRSS / 1_024,
  heapPerWaitKb: (heapDuring - heapBefore) / 1_024 / count,
  loopP99Ms: loop.percentile(99) / 1e6,
  loopMaxMs: loop.max / 1e6,
  detectionP50Ms: quantile(0.5),
  detectionP99Ms: quantile(0.99)
}))
