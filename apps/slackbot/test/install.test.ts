/**
 * The packed bot as an operator installs it: `pnpm slackbot:pack`'s tarball, `npm install -g` into
 * a prefix of its own with no registry, started by name with only that prefix and Node on PATH
 * (nothing of the repository can be reached), and a signed /cancel-offer answered and cancelled
 * through it: the fake Slack, the CPP emulator, SQLite in its data directory.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { version } from "../src/Version.ts"
import { oldNode, oldNodeTitle, runOnOldNode } from "../../../scripts/oldNode.ts"
import { type BotBench, startBotBench } from "./support/BotBench.ts"
import { eventually } from "./support/eventually.ts"
import { text } from "./support/SlackUser.ts"

const here = fileURLToPath(new URL("..", import.meta.url))
const requester = "U0ALLOWED"
const prefix = mkdtempSync(join(tmpdir(), "offerops-slackbot-install-"))
const installedBin = join(prefix, "lib/node_modules/offerops-slackbot/bin/offerops-slackbot.js")

describe("the packed bot", () => {
  let bench: BotBench
  beforeAll(async () => {
    bench = await startBotBench({ secret: "install-test-signing-secret", allowed: [requester] })
  })
  afterAll(async () => {
    await bench.close()
    rmSync(prefix, { recursive: true, force: true })
  })

  it("installs with npm install -g from its tarball alone, and answers a signed /cancel-offer", async () => {
    execFileSync(process.execPath, [join(here, "build.mjs")], { stdio: "ignore" })
    const tarball = execFileSync(process.execPath, [join(here, "pack.mjs")], { encoding: "utf8" }).trim().split("\n").at(-1)!
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean).sort()
    expect(listing).toEqual([
      "package/README.md",
      "package/bin/offerops-slackbot.js",
      "package/bin/preinstall.cjs",
      "package/dist/slackbot.js",
      "package/manifest.yaml",
      "package/package.json"
    ])
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }))
    expect(manifest).toMatchObject({ name: "offerops-slackbot", bin: { "offerops-slackbot": "./bin/offerops-slackbot.js" }, engines: { node: ">=22.19" } })
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.version).toBe(version)
    // No emulator, try-mode or test code in the bundle.
    const bundle = execFileSync("tar", ["-xzOf", tarball, "package/dist/slackbot.js"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    expect(bundle).not.toMatch(/cpp-emulator|slackbot:try|vitest/)

    const install = spawnSync("npm", ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], {
      cwd: prefix,
      encoding: "utf8",
      timeout: 120_000
    })
    expect(install.stderr).not.toMatch(/ERR!/)
    expect(install.status).toBe(0)

    // Only the installed command and this Node on PATH; HOME in the prefix: the state goes to its data directory.
    const bot = await bench.start({ PATH: `${join(prefix, "bin")}:${dirname(process.execPath)}`, HOME: prefix }, { file: "offerops-slackbot" })
    const url = bot.url.replace(/\/\/[^/]*:/, "//127.0.0.1:")
    bench.emulator.addOffer("contoso", "packed", { cancel: "sync" })
    const operation = bench.emulator.startOperation("contoso", "packed", "publish")
    const value = await bench.users.command(url, requester, "contoso/packed")
    const clicked = await bench.users.click(url, requester, value)
    await eventually(() => bench.users.postsTo(clicked).some((post) => post.body.response_type === "in_channel"), 60_000)
    expect(text(bench.users.postsTo(clicked).at(-1))).toContain(`:octagonal_sign: <@${requester}>`)
    expect(bench.cancelPosts("packed")).toHaveLength(1)
    expect(bench.emulator.operation(operation.id)?.status).toBe("canceled")
    await eventually(() => bot.audit.some((line) => line.event === "outcome" && line.result === "canceled"), 30_000)
    expect(await bot.kill("SIGTERM")).toBe(0)
    const file = join(prefix, ".local/state/offerops/slackbot.sqlite")
    expect(existsSync(file)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  }, 480_000)

  it.skipIf("skipped" in oldNode)(oldNodeTitle("on Node older than 22.19 names the Node to install, not the repository's bootstrap"), () => {
    expect(existsSync(installedBin)).toBe(true)
    const result = runOnOldNode(installedBin)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^offerops-slackbot needs Node >= 22\.19, not v\d+\.\d+\.\d+: install Node 22\.19 or later \(https:\/\/nodejs\.org\), then start it again\n$/)
    expect(result.stderr).not.toContain("bootstrap")
    // npm's preinstall step: refused before anything is installed (npm alone only warns about engines).
    const preinstall = runOnOldNode(join(dirname(installedBin), "preinstall.cjs"))
    expect(preinstall.code).toBe(1)
    expect(preinstall.stderr).toMatch(/^offerops-slackbot needs Node >= 22\.19, not v\d+\.\d+\.\d+: install Node 22\.19 or later .*then install offerops-slackbot again\n$/)
  })
})
