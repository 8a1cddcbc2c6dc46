/**
 * `offerops` by name: from the repository after `pnpm install` (`pnpm exec offerops`, `pnpm offerops`),
 * and as the packed package installed with `npm install -g` into a prefix of its own, outside the
 * workspace, where it must run on its bundle alone.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { oldNode, oldNodeTitle, runOnOldNode } from "../../../scripts/oldNode.ts"
import { binPath, useEmulator } from "./support.ts"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const cliDir = fileURLToPath(new URL("..", import.meta.url))
const run = (command: string, args: ReadonlyArray<string>, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => {
  const child = spawnSync(command, args, { encoding: "utf8", timeout: 120_000, ...options })
  return { code: child.status, stdout: child.stdout, stderr: child.stderr }
}

/** Asynchronous, unlike `run`: the emulator answers from this process's event loop. */
const runAsync = (command: string, args: ReadonlyArray<string>, options: { cwd: string; env: NodeJS.ProcessEnv }) =>
  new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(command, args, { ...options, timeout: 120_000 }, (error, stdout) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout }))
  })

describe("in the repository", () => {
  it("runs as `pnpm exec offerops` and `pnpm offerops`", () => {
    expect(run("pnpm", ["exec", "offerops", "--version"], { cwd: root }).stdout).toBe("offerops v0.1.0\n")
    expect(run("pnpm", ["-s", "offerops", "--version"], { cwd: root }).stdout).toBe("offerops v0.1.0\n")
  }, 300_000)
})

describe("the packed package", () => {
  const service = useEmulator((emulator) => {
    emulator.addOffer("contoso", "vm")
    emulator.startOperation("contoso", "vm")
  })
  const prefix = mkdtempSync(join(tmpdir(), "offerops-install-"))
  afterAll(() => rmSync(prefix, { recursive: true, force: true }))

  let tarball: string | undefined

  it("installs with npm install -g and runs with no workspace around it", async () => {
    tarball = execFileSync(process.execPath, [join(cliDir, "pack.mjs")], { encoding: "utf8" }).trim().split("\n").at(-1)!
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    expect(listing).toContain("package/dist/offerops.js")
    expect(listing).not.toMatch(/package\/src\//)
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }))
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.devDependencies).toBeUndefined()

    const install = run("npm", ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], { cwd: prefix })
    expect(install.stderr).not.toMatch(/ERR!/)
    expect(install.code).toBe(0)
    // Only the installed command and this Node on PATH: nothing of the repository can be reached.
    const env = { PATH: `${join(prefix, "bin")}:${dirname(process.execPath)}`, HOME: prefix, CPP_BASE_URL: service.emulator.url, CPP_TOKEN: service.token }
    expect(run("offerops", ["--version"], { cwd: prefix, env }).stdout).toBe("offerops v0.1.0\n")
    const listed = await runAsync("offerops", ["operations", "contoso/vm", "--output", "json"], { cwd: prefix, env })
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout).operations).toHaveLength(1)
    // Each language but English is a chunk of its own, loaded when asked for: the package carries them.
    const japanese = await runAsync("offerops", ["operations", "contoso/vm", "--lang", "ja"], { cwd: prefix, env })
    expect(japanese.code).toBe(0)
    expect(japanese.stdout).toContain("状態")
  }, 480_000)

  it.skipIf("skipped" in oldNode)(oldNodeTitle("installed, on Node older than 22.19, names the Node version to install, not the repository's bootstrap"), () => {
    const result = runOnOldNode(join(prefix, "lib/node_modules/@offerops/cli/bin/offerops.js"), ["--version"])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^offerops needs Node >= 22\.19, not v\d+\.\d+\.\d+: install Node 22\.19 or later \(https:\/\/nodejs\.org\), then run offerops again\n$/
    )
    expect(result.stderr).not.toContain("bootstrap")
  })

  it.skipIf("skipped" in oldNode)(oldNodeTitle("npm install -g on Node older than 22.19 refuses, and installs nothing"), () => {
    if ("skipped" in oldNode || tarball === undefined) throw new Error("no old Node, or no tarball")
    const oldPrefix = mkdtempSync(join(tmpdir(), "offerops-old-install-"))
    try {
      // npm itself on the old Node, as a machine with only that Node runs it; the check runs on that Node too.
      const npm = realpathSync(execFileSync("which", ["npm"], { encoding: "utf8" }).trim())
      const install = run(oldNode.path, [npm, "install", "-g", "--prefix", oldPrefix, "--offline", "--no-audit", "--no-fund", tarball], {
        cwd: oldPrefix,
        env: { PATH: `${dirname(oldNode.path)}:/usr/bin:/bin`, HOME: oldPrefix }
      })
      expect(install.code).not.toBe(0)
      expect(install.stderr).toMatch(/offerops needs Node >= 22\.19, not v\d+\.\d+\.\d+: install Node 22\.19 or later \(https:\/\/nodejs\.org\), then install offerops again/)
      expect(existsSync(join(oldPrefix, "bin/offerops"))).toBe(false)
    } finally {
      rmSync(oldPrefix, { recursive: true, force: true })
    }
  }, 240_000)
})

it.skipIf("skipped" in oldNode)(oldNodeTitle("in the repository, on Node older than 22.19, names the version it needs and the bootstrap"), () => {
  const result = runOnOldNode(binPath, ["--version"])
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^offerops needs Node >= 22\.19, not v\d+\.\d+\.\d+: .*`\. scripts\/bootstrap\.sh`.*\n$/)
  expect(result.stdout).toBe("")
})
