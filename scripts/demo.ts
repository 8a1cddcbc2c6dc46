/**
 * `pnpm demo`: the main job end to end on an embedded service. It lives here, outside the CLI and
 * the emulator, because it needs both and the installed CLI carries no emulator. Starts the emulator in this process
 * with its demo world (publisher contoso, a publish running on contoso-vm), then runs the real CLI
 * against it as a child process — list, inspect, cancel with the HTTP trace — and shows what the
 * service received. Needs no terminal and no network; exits with the cancel's exit code. With
 * `--build` (as `pnpm demo` runs it) it first builds the CLI's bundle through turbo, quietly.
 */
import { spawn, spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import {
  demoPartnerCenter,
  demoProductIngestion,
  graphResource,
  partnerCenterResource,
  startEmulator
} from "../packages/emulator/src/index.ts"

const bin = fileURLToPath(new URL("../packages/cli/bin/offerops.js", import.meta.url))
const bold = (text: string) => process.stdout.isTTY && !process.env["NO_COLOR"] ? `\x1b[1m${text}\x1b[22m` : text

if (process.argv.includes("--build")) {
  // turbo's banner and summary would sit in the middle of the story: its output shows only when the build fails.
  const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@offerops/cli", "--output-logs=errors-only"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
  })
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}${build.error?.message ?? ""}\nThe CLI did not build: nothing was demonstrated.\n`)
    process.exit(build.status ?? 1)
  }
}

// A virtual minute per real second: the running publish visibly moves while the demo runs.
const emulator = await startEmulator({ demo: true, timeScale: 60 })
// Each API with its own token: the emulator, like the services, refuses one API's token at another.
const env = {
  ...process.env,
  CPP_BASE_URL: emulator.url,
  CPP_TOKEN: emulator.issueToken(),
  PARTNER_CENTER_BASE_URL: `${emulator.url}/v1.0/ingestion`,
  PARTNER_CENTER_TOKEN: emulator.issueToken({ audience: partnerCenterResource }),
  PRODUCT_INGESTION_BASE_URL: `${emulator.url}/rp/product-ingestion`,
  PRODUCT_INGESTION_TOKEN: emulator.issueToken({ audience: graphResource })
}

// Asynchronous on purpose: the emulator answers from this process's event loop.
const offerops = (args: ReadonlyArray<string>, capture = false) => {
  if (!capture) console.log(`\n${bold(`$ offerops ${args.join(" ")}`)}`)
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] })
  let stdout = ""
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  return new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }))
  })
}

const say = (text: string) => console.log(`\n${bold(`# ${text}`)}`)

let code = 1
try {
  console.log(`An emulated Cloud Partner Portal is listening on ${emulator.url} (CPP_BASE_URL), with a token in CPP_TOKEN.`)

  say("1. What is running on the offer?")
  await offerops(["operations", "contoso/contoso-vm"])

  const listed = await offerops(["operations", "contoso/contoso-vm", "--status", "running", "--output", "json"], true)
  const running: string | undefined = JSON.parse(listed.stdout).operations?.[0]?.id
  if (running !== undefined) {
    say("2. Where has that publish got to?")
    await offerops(["operations", "contoso/contoso-vm", running])
  }

  say("3. Cancel it and wait until the service confirms (--yes: no terminal to ask on; --verbose: every request)")
  code = (await offerops(["cancel", "contoso/contoso-vm", "--yes", "--poll-interval", "1s", "--verbose"])).code

  say("4. What the service received")
  for (const request of emulator.requests()) {
    console.log(`  ${request.method.padEnd(4)} ${request.path.split("?")[0]} → ${request.status}`)
  }

  say("5. The same on Partner Center's ingestion API v1.0: an Azure Application offer, named product:<offer id>")
  const product = (await offerops(["cancel", `product:${demoPartnerCenter.offerId}`, "--yes"])).code

  say("6. And on the Product Ingestion API: a configure job, named job:<jobId>")
  const job = (await offerops(["cancel", `job:${demoProductIngestion.jobId}`, "--yes"])).code

  // The first that did not succeed decides the demo's exit code.
  code = [code, product, job].find((each) => each !== 0) ?? 0
  say(`offerops cancel exited ${code}${code === 0 ? " (success)" : ""}. Next: README.md for real credentials.`)
} finally {
  await emulator.close()
}
process.exitCode = code
