/**
 * bin/slackbot.js as an operator runs it: one line for what is wrong (a configuration it cannot use
 * is exit 2 and names the variable), never a stack or a dumped error object; a quiet stop.
 */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { oldNode, oldNodeTitle, runOnOldNode } from "../../../scripts/oldNode.ts"
import { type FakeSlack, startFakeSlack } from "./support/FakeSlack.ts"

const bin = fileURLToPath(new URL("../bin/slackbot.js", import.meta.url))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the bin; `stopWhen` sends SIGINT once stdout matches it. */
const run = (env: Record<string, string>, args: ReadonlyArray<string> = [], stopWhen?: RegExp) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    let interrupted = false
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
      // Once: a second Ctrl-C ends the bot at once, without its orderly stop.
      if (!interrupted && stopWhen?.test(stdout) === true) interrupted = child.kill("SIGINT")
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

let slack: FakeSlack
beforeAll(async () => {
  slack = await startFakeSlack()
})
afterAll(() => slack.close())

const database = `file:${join(mkdtempSync(join(tmpdir(), "slackbot-bin-")), "bot.sqlite")}`
const configured = () => ({
  SLACK_SIGNING_SECRET: "secret",
  SLACK_BOT_TOKEN: "xoxb-test",
  SLACK_API_URL: slack.apiUrl,
  PORT: "0",
  CPP_TOKEN: "t",
  DATABASE_URL: database
})

describe("bin/slackbot.js", () => {
  it("says when it is ready, and stops quietly on Ctrl-C", async () => {
    const result = await run(configured(), [], /ready/)
    expect(JSON.parse(result.stdout.split("\n")[0]!)).toMatchObject({ msg: "offerops-slackbot ready", mode: "http" })
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 180_000)

  it("does not report ready when Slack cannot be reached: one line, exit 1", async () => {
    const result = await run({ ...configured(), SLACK_API_URL: "http://127.0.0.1:9/api/" })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^offerops-slackbot: cannot reach Slack's Web API at http:\/\/127\.0\.0\.1:9\/api\/ \(fetch failed.*\): .*SLACK_API_URL\n$/)
  }, 180_000)

  it("says a busy port is in use, without a stack trace", async () => {
    const taken = createServer()
    taken.listen(0)
    await once(taken, "listening")
    const port = String((taken.address() as { port: number }).port)
    try {
      const result = await run({ ...configured(), PORT: port })
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(`offerops-slackbot: port ${port} is in use; set PORT to a free one (PORT=0 for any)\n`)
    } finally {
      taken.close()
    }
  }, 180_000)

  it.each([
    ["an unknown argument", { args: ["--bogus"], env: {} }, 2, /unknown argument "--bogus"\nusage: offerops-slackbot/],
    ["a missing signing secret", { args: [], env: { SLACK_SIGNING_SECRET: "" } }, 2, /^offerops-slackbot: SLACK_SIGNING_SECRET is not set/],
    ["a bad PORT", { args: [], env: { PORT: "99999" } }, 2, /^offerops-slackbot: PORT: expected a port number, got "99999"\n$/],
    ["a bad CPP_BASE_URL", { args: [], env: { CPP_BASE_URL: "not a url" } }, 2, /^offerops-slackbot: CPP_BASE_URL: expected an http\(s\) URL .*got "not a url"\n$/],
    [
      "a plain-http CPP_BASE_URL",
      { args: [], env: { CPP_BASE_URL: "http://cloudpartner.azure.com" } },
      2,
      /^offerops-slackbot: refusing to send the bearer token to http:\/\/cloudpartner\.azure\.com: it is not https.*OFFEROPS_ALLOW_INSECURE_HTTP.*\n$/
    ]
  ])("answers %s with one line and its exit code", async (_, { args, env }, code, message) => {
    const result = await run({ ...configured(), ...env }, args)
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 180_000)

  describe("without DATABASE_URL, the data directory", () => {
    const home = () => mkdtempSync(join(tmpdir(), "slackbot-home-"))
    const unset = { DATABASE_URL: "" }

    it("holds a private SQLite file (0600, the directory 0700) under ~/.local/state/offerops by default", async () => {
      const HOME = home()
      const result = await run({ ...configured(), ...unset, HOME }, [], /ready/)
      expect(result.code).toBe(0)
      const dir = join(HOME, ".local/state/offerops")
      expect(statSync(dir).mode & 0o777).toBe(0o700)
      expect(readdirSync(dir)).toContain("slackbot.sqlite")
      for (const file of readdirSync(dir)) expect([file, statSync(join(dir, file)).mode & 0o777]).toEqual([file, 0o600])
    }, 180_000)

    it("is OFFEROPS_DATA_DIR when set, and a file an older bot left readable to others is made private", async () => {
      const dir = join(home(), "data")
      mkdirSync(dir)
      writeFileSync(join(dir, "slackbot.sqlite"), "")
      chmodSync(join(dir, "slackbot.sqlite"), 0o644)
      const result = await run({ ...configured(), ...unset, OFFEROPS_DATA_DIR: dir }, [], /ready/)
      expect(result.code).toBe(0)
      expect(statSync(join(dir, "slackbot.sqlite")).mode & 0o777).toBe(0o600)
    }, 180_000)

    it("is not made by a start that fails: a bad configuration, or Slack unreachable after the database was opened", async () => {
      const HOME = home()
      const dir = join(HOME, "state", "offerops")
      const bad = await run({ ...configured(), ...unset, OFFEROPS_DATA_DIR: dir, SLACK_SIGNING_SECRET: "" })
      expect(bad.code).toBe(2)
      const unreachable = await run({ ...configured(), ...unset, OFFEROPS_DATA_DIR: dir, SLACK_API_URL: "http://127.0.0.1:9/api/" })
      expect(unreachable.code).toBe(1)
      expect(existsSync(join(HOME, "state"))).toBe(false)
      const relative = await run({ ...configured(), ...unset, OFFEROPS_DATA_DIR: "state" })
      expect(relative.stderr).toBe(`offerops-slackbot: OFFEROPS_DATA_DIR must be an absolute path (the directory for the bot's SQLite file), got "state"\n`)
    }, 180_000)
  })

  it.skipIf("skipped" in oldNode)(oldNodeTitle("on Node older than 22.19 names the version it needs and the bootstrap"), () => {
    const result = runOnOldNode(bin)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^offerops-slackbot needs Node >= 22\.19, not v\d+\.\d+\.\d+: run `\. scripts\/bootstrap\.sh`.*\n$/)
  }, 180_000)
})
