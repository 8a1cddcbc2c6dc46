// `pnpm bench`: what each offerops command costs beside the bare minimum a script could do, `node -e`
// issuing the same requests with fetch (the emulator counts them, so "the same" is checked, not
// assumed). Each case runs N times (after warm-up runs, which also fill Node's compile cache as a
// user's second run would) against an emulator in this process, all cases round-robin; a ratio is
// the median over rounds of offerops' time over its bare twin's in the same round (paired runs).
// Nothing is asserted. --help and --version make no request: they are set beside one bare request.
//
// Two floor programs (bench/floor/) are timed beside them: the same request on offerops' stack with
// nothing of offerops, bundled as the CLI is. What they cost over bare fetch, offerops cannot go below.
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { startEmulator } from "@offerops/emulator"
import { build } from "rolldown"
import { bundleOutput } from "../bundling.mjs"

const runs = Number(process.env.BENCH_RUNS ?? 20)
const warmup = Number(process.env.BENCH_WARMUP ?? 3)
const bin = fileURLToPath(new URL("../bin/offerops.js", import.meta.url))
if (!existsSync(new URL("../dist/offerops.js", import.meta.url))) {
  console.error("dist/offerops.js is missing; run `pnpm --filter @offerops/cli build` first (turbo does it for `pnpm bench`).")
  process.exit(1)
}

/** Bundles bench/floor/<name>.ts beside a runner that, like bin/offerops.js, keeps a compile cache. */
const floorProgram = async (name) => {
  const dir = fileURLToPath(new URL(`../node_modules/.cache/offerops-bench/${name}/`, import.meta.url))
  mkdirSync(dir, { recursive: true })
  await build({
    input: fileURLToPath(new URL(`./floor/${name}.ts`, import.meta.url)),
    platform: "node",
    logLevel: "warn",
    output: { ...bundleOutput, file: `${dir}floor.mjs` }
  })
  writeFileSync(
    `${dir}run.mjs`,
    `process.getBuiltinModule("node:module").enableCompileCache?.(${JSON.stringify(`${dir}compile-cache`)})\nawait import("./floor.mjs")\n`
  )
  return `${dir}run.mjs`
}
const floors = { effect: await floorProgram("effect"), cli: await floorProgram("cli") }

const emulator = await startEmulator()
emulator.addOffer("bench", "vm", { cancel: "sync" })
// A finished operation for `watch`: a publish waits at sign-off until a go-live ends it.
const second = 1_000
emulator.addOffer("bench", "done", {
  stepDurationsMs: { displaydummycertify: second, displaycertify: second, displayprovision: second, displaypackage: second, "publisher-signoff": second, live: second }
})
const finished = emulator.startOperation("bench", "done")
emulator.advance(60 * second)
emulator.startOperation("bench", "done", "golive")
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CPP_BASE_URL: emulator.url, CPP_TOKEN: emulator.issueToken() }
const api = (path) => `${emulator.url}/api/publishers/bench/offers/vm${path}?api-version=2017-10-31`

const cpuReport = fileURLToPath(new URL("./cpu-report.mjs", import.meta.url))

// Asynchronous, so the emulator in this process keeps answering while the child runs. Resolves to
// the child's wall time, the CPU time it reported and the requests the emulator saw from it.
const time = (args, before) =>
  new Promise((resolve, reject) => {
    before?.()
    const seen = emulator.requests().length
    const started = performance.now()
    const child = spawn(process.execPath, ["--import", cpuReport, ...args], { env, stdio: ["ignore", "ignore", "pipe", "pipe"] })
    let stderr = ""
    let cpu = ""
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.stdio[3].on("data", (chunk) => (cpu += chunk))
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0
        ? resolve({ wall: performance.now() - started, cpu: Number(cpu), requests: emulator.requests().length - seen })
        : reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`))
    )
  })

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Every case's samples, one per round; the cases run round-robin so that load from other processes falls on all alike. */
const rounds = async (cases) => {
  const entries = Object.entries(cases)
  const samples = Object.fromEntries(entries.map(([name]) => [name, []]))
  for (let i = 0; i < warmup + runs; i++) {
    for (const [name, [args, before]] of entries) {
      const sample = await time(args, before)
      if (i >= warmup) samples[name].push(sample)
    }
  }
  return samples
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
const read = ["GET", `${emulator.url}${finished.location}`]

const samples = await rounds({
  "node -e 0 (floor)": [["-e", "0"]],
  "bare: GET list": [["-e", fetchScript([list])]],
  "floor: Effect+Schema+fetch": [[floors.effect, list[1]]],
  "floor: ... + effect/cli": [[floors.cli, "operations", list[1]]],
  "offerops --help": [[bin, "--help"]],
  "offerops --version": [[bin, "--version"]],
  "offerops operations": [[bin, "operations", "bench/vm"]],
  "bare: GET operation": [["-e", fetchScript([read])]],
  "offerops watch (finished)": [[bin, "watch", finished.location]],
  // The story reads what runs, reads it again just before the cancel (#17), cancels, reads the end.
  "bare: 4 requests": [["-e", fetchScript([list, list, cancel, read])], restartPublish],
  "offerops cancel --yes": [[bin, "cancel", "bench/vm", "--yes", "--poll-interval", "10ms"], restartPublish]
})
await emulator.close()

console.log(`median of ${runs} runs (after ${warmup} warm-up), ms: wall clock, and CPU time of the process; requests the emulator saw`)
console.log(`  ${"".padEnd(26)} ${"wall".padStart(7)} ${"CPU".padStart(7)} ${"req".padStart(4)}`)
for (const [name, runs] of Object.entries(samples)) {
  const of = (key) => median(runs.map((sample) => sample[key]))
  console.log(`  ${name.padEnd(26)} ${of("wall").toFixed(1).padStart(7)} ${of("cpu").toFixed(1).padStart(7)} ${String(of("requests")).padStart(4)}`)
}
/** The median over rounds of a's time over b's in the same round. */
const paired = (a, b, key) => median(samples[a].map((sample, i) => sample[key] / samples[b][i][key]))
const ratio = (a, b) => `${paired(a, b, "wall").toFixed(2).padStart(5)} ${paired(a, b, "cpu").toFixed(2).padStart(5)}`
console.log("ratios of paired runs, wall and CPU (goal ≤ 1.2)")
console.log(`  --help / bare one request                             ${ratio("offerops --help", "bare: GET list")}`)
console.log(`  --version / bare one request                          ${ratio("offerops --version", "bare: GET list")}`)
console.log(`  operations / bare same request                        ${ratio("offerops operations", "bare: GET list")}`)
console.log(`  watch (finished) / bare same request                  ${ratio("offerops watch (finished)", "bare: GET operation")}`)
console.log(`  cancel --yes / bare 4 requests (2 lists, cancel, read) ${ratio("offerops cancel --yes", "bare: 4 requests")}`)
console.log("the stack's floor: the request of `operations` with nothing of offerops, beside bare fetch")
console.log(`  Effect + Schema + HttpClient on fetch / bare           ${ratio("floor: Effect+Schema+fetch", "bare: GET list")}`)
console.log(`  the same as an effect/cli command / bare               ${ratio("floor: ... + effect/cli", "bare: GET list")}`)
console.log(`  operations / the effect/cli floor                      ${ratio("offerops operations", "floor: ... + effect/cli")}`)
const [load1, load5] = (await import("node:os")).loadavg()
console.log(`load average during the run: ${load1.toFixed(2)} (1 min), ${load5.toFixed(2)} (5 min) on ${(await import("node:os")).availableParallelism()} cores`)
