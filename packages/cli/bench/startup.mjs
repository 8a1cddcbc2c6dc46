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

// Asynchronous, so the emulator in this process keeps answering while the child runs.
const time = (args, before) =>
  new Promise((resolve, reject) => {
    before?.()
    const started = performance.now()
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`))
    )
  })

/** Medians of all cases, run round-robin so that load from other processes falls on every case alike. */
const medians = async (cases) => {
  const entries = Object.entries(cases)
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]))
  for (let i = 0; i < warmup + runs; i++) {
    for (const [name, [args, before]] of entries) {
      const ms = await time(args, before)
      if (i >= warmup) samples[name].push(ms)
    }
  }
  return Object.fromEntries(entries.map(([name]) => {
    const sorted = samples[name].sort((a, b) => a - b)
    return [name, sorted[Math.floor(sorted.length / 2)]]
  }))
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
  "bare: POST cancel": [["-e", fetchScript([cancel])], restartPublish],
  "bare: 3 requests": [["-e", fetchScript([list, cancel, list])], restartPublish],
  "offerops cancel --yes": [[bin, "cancel", "bench/vm", "--yes", "--poll-interval", "10ms"], restartPublish]
})
await emulator.close()

console.log(`median of ${runs} runs (after ${warmup} warm-up), ms`)
for (const [name, ms] of Object.entries(results)) console.log(`  ${name.padEnd(26)} ${ms.toFixed(1).padStart(7)}`)
const ratio = (a, b) => (results[a] / results[b]).toFixed(2)
console.log("ratios (goal ≤ 1.5)")
console.log(`  --help / bare one request              ${ratio("offerops --help", "bare: GET list")}`)
console.log(`  operations / bare same request         ${ratio("offerops operations", "bare: GET list")}`)
console.log(`  cancel --yes / bare POST cancel        ${ratio("offerops cancel --yes", "bare: POST cancel")}`)
console.log(`  cancel --yes / bare 3 requests (list, cancel, read)   ${ratio("offerops cancel --yes", "bare: 3 requests")}`)
