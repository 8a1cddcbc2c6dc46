/**
 * The bot's bin as an operator starts it: a configuration it cannot use stops it with exit 2 and
 * one line that names the variable, never a stack or a dumped error object.
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../bin/slackbot.js", import.meta.url))

const start = (env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [bin],
      { env: { PATH: process.env["PATH"] ?? "", SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "0", ...env }, timeout: 60_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr })
    )
  })

describe("bin/slackbot.js", () => {
  it.each([
    ["CPP_BASE_URL", "not a url", /^offerops-slackbot: CPP_BASE_URL: expected an http\(s\) URL .*got "not a url"\n$/],
    ["PORT", "99999", /^offerops-slackbot: PORT: expected a port number, got "99999"\n$/],
    ["CPP_BASE_URL", "http://cloudpartner.azure.com", /^offerops-slackbot: refusing to send the bearer token to http:\/\/cloudpartner\.azure\.com: it is not https.*OFFEROPS_ALLOW_INSECURE_HTTP.*\n$/]
  ])("refuses %s=%j with exit 2 and one clear line", async (name, value, expected) => {
    const run = await start({ [name]: value })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(expected)
    expect(run.stdout).toBe("")
  }, 60_000)
})
