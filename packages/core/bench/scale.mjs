// `pnpm bench`: N concurrent operation waits in one process (N = 1,000 and 10,000; BENCH_WAITS to
// change) against a minimal server in another process (server.mjs), each run in a fresh process
// (waits.mjs) so peak RSS is its own. Operations last BENCH_OPERATION_SECONDS (default 20, so the
// whole bench takes about a minute; the figures used 60) and answer Retry-After: 2 while
// running. Prints the figures beside the targets; asserts nothing.
import { spawn } from "node:child_process"
import { once } from "node:events"

const counts = (process.env.BENCH_WAITS ?? "1000,10000").split(",").map(Number)
const operationSeconds = Number(process.env.BENCH_OPERATION_SECONDS ?? 20)
const node = (args, stdio) => spawn(process.execPath, args, { stdio })

const server = node([new URL("./server.mjs", import.meta.url).pathname], ["ignore", "pipe", "inherit", "ipc"])
try {
  const [line] = await once(server.stdout, "data")
  const { url } = JSON.parse(String(line))
  const fixed = (n, digits = 0) => n.toFixed(digits).padStart(9)
  console.log(`concurrent waits, operations of ~${operationSeconds} s, Retry-After 2 s, server in its own process`)
  console.log("   waits  missed    reads  CPU ms/req  peak RSS MB  heap KB/wait  loop p99 ms  detect p50 ms  detect p99 ms")
  for (const count of counts) {
    const run = node(
      ["--expose-gc", new URL("./waits.mjs", import.meta.url).pathname, String(count), url, String(operationSeconds)],
      ["ignore", "pipe", "inherit"]
    )
    let output = ""
    run.stdout.on("data", (chunk) => (output += chunk))
    // A run that hangs is killed: the bench is bounded whatever the client does.
    const limit = setTimeout(() => run.kill("SIGKILL"), (operationSeconds + 120) * 1_000)
    const [code] = await once(run, "close")
    clearTimeout(limit)
    if (code !== 0) {
      console.log(`${fixed(count).slice(1)}  run failed (exit ${code})`)
      continue
    }
    const r = JSON.parse(output.trim().split("\n").at(-1))
    console.log(
      `${fixed(r.waits).slice(1)}${fixed(r.missed).slice(1)}${fixed(r.reads)}${fixed(r.cpuMsPerRequest, 3)}   ${fixed(r.peakRssMb)}    ${
        fixed(r.heapPerWaitKb, 1)
      }    ${fixed(r.loopP99Ms)}      ${fixed(r.detectionP50Ms)}      ${fixed(r.detectionP99Ms)}`
    )
  }
  console.log("targets at 10,000:               ≤ 0.400                   ≤ 15.0         ≤ 100         ≤ 2000")
} finally {
  server.kill("SIGTERM")
}
