// `pnpm bench`: what offerops costs beside the bare minimum a script could do — `node -e` issuing
// the same request with fetch. Each case runs N times (after warm-up runs, which also fill Node's
// compile cache as a user's second run would) against an emulator in this process; medians and
// ratios are printed, nothing is asserted.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { startEmulator } from "@offerops/emulator"

const runs = Number(process.env.BENCH_RUNS ?? 20)
const warmup = 3
const bin = fileURLToPath(new URL("../bin/offerops.js", import.meta.url))
if (!existsSync(new URL("../dist/offerops.js", import.meta.url))) {
  console.error("dist/offerops.js is missing; run `pnpm --filter @offerops/cli build` first (turbo does it for `pnpm bench`).")
  process.exit(1)
}

const emulator = await startEmulator()
emulator.addOffer("bench", "vm", { cancel: "sync" })
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CPP_BASE_URL: emulator.url, CPP_TOKEN: emulator.issueToken() }
const api = (path) => `${emulator.url}/api/publishers/bench/offers/vm${path}?api-version=2017-10-31`

const cpuReport = fileURLToPath(new URL("./cpu-report.mjs", import.meta.url))

// Asynchronous, so the emulator in this process keeps answering while the child runs. Resolves to
// the child's wall time and the CPU time it reported.
const time = (args, before) =>
  new Promise((resolve, reject) => {
    before?.()
    const started = performance.now()
    const child = spawn(process.execPath, ["--import", cpuReport, ...args], { env, stdio: ["ignore", "ignore", "pipe", "pipe"] })
    let stderr = ""
    let cpu = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.stdio[3].on("data", (chunk) => (cpu += chunk))
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0
        ? resolve({ wall: performance.now() - started, cpu: Number(cpu) })
        : reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`))
    )
  })

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Medians (wall and CPU) of all cases, run round-robin so that load from other processes falls on every case alike. */
const medians = async (cases) => {
  const entries = Object.entries(cases)
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]))
  for (let i = 0; i < warmup + runs; i++) {
    for (const [name, [args, before]] of entries) {
      const sample = await time(args, before)
      if (i >= warmup) samples[name].push(sample)
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, {
    wall: median(samples[name].map((sample) => sample.wall)),
    cpu: median(samples[name].map((sample) => sample.cpu))
  }]))
}

const fetchScript = (requests) =>
  `const h={authorization:"Bearer "+process.env.CPP_TOKEN,"content-type":"application/json"};(async()=>{${
    requests.map(([method, url]) => `await (await fetch(${JSON.stringify(url)},{method:${JSON.stringify(method)},headers:h${method === "POST" ? ",body:'{}'" : ""}})).text();`).join("")
  }})()`

const restartPublish = () => {
  try {
    emulator.startOperation("bench", "vm")
  } catch {
    // Still running from a run that failed before cancelling: fine for timing.
  }
}

const list = ["GET", api("/submissions/")]
const cancel = ["POST", api("/cancel")]

const results = await medians({
  "node -e 0 (floor)": [["-e", "0"]],
  "bare: GET list": [["-e", fetchScript([list])]],
  "offerops --help": [[bin, "--help"]],
  "offerops operations": [[bin, "operations", "bench/vm"]],
  "bare: 3 requests": [["-e", fetchScript([list, cancel, list])], restartPublish],
  "offerops cancel --yes": [[bin, "cancel", "bench/vm", "--yes", "--poll-interval", "10ms"], restartPublish]
})
await emulator.close()

console.log(`median of ${runs} runs (after ${warmup} warm-up), ms: wall clock, and CPU time of the process`)
console.log(`  ${"".padEnd(26)} ${"wall".padStart(7)} ${"CPU".padStart(7)}`)
for (const [name, { wall, cpu }] of Object.entries(results)) {
  console.log(`  ${name.padEnd(26)} ${wall.toFixed(1).padStart(7)} ${cpu.toFixed(1).padStart(7)}`)
}
const ratio = (a, b) =>
  `${(results[a].wall / results[b].wall).toFixed(2).padStart(5)} ${(results[a].cpu / results[b].cpu).toFixed(2).padStart(5)}`
console.log("ratios, wall and CPU (goal ≤ 1.2)")
console.log(`  --help / bare one request                             ${ratio("offerops --help", "bare: GET list")}`)
console.log(`  operations / bare same request                        ${ratio("offerops operations", "bare: GET list")}`)
console.log(`  cancel --yes / bare 3 requests (list, cancel, read)   ${ratio("offerops cancel --yes", "bare: 3 requests")}`)
