/** bin/emulator.js as a person runs it: what it prints, how it fails, how it stops. */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { existsSync, statSync } from "node:fs"
import { dirname } from "node:path"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { oldNode, oldNodeTitle, runOnOldNode } from "../../../scripts/oldNode.ts"

const bin = fileURLToPath(new URL("../bin/emulator.js", import.meta.url))
const root = fileURLToPath(new URL("../../..", import.meta.url))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the bin (or `command`) to its end. */
const run = (args: ReadonlyArray<string>, command: ReadonlyArray<string> = [process.execPath, bin]) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

/** The `export KEY=VALUE` lines as an environment; throws on any other line. */
const exportsOf = (stdout: string) =>
  Object.fromEntries(stdout.trim().split("\n").map((line) => {
    const match = /^export (\w+)=(.*)$/.exec(line)
    if (match === null) throw new Error(`not an export line: ${JSON.stringify(line)}`)
    return [match[1]!, match[2]!]
  }))

/** Runs the emulator on a free port until `use` is done, then sends `signal`. */
const serving = async (args: ReadonlyArray<string>, use: (env: Record<string, string>) => Promise<void>, signal: NodeJS.Signals = "SIGINT") => {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] })
  const exited = once(child, "exit")
  let stdout = ""
  let stderr = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  try {
    // The bin says it is serving on stderr once every export line is out. Generous: on a loaded
    // 2-core machine a Node process may take tens of seconds to load the emulator.
    const deadline = Date.now() + 120_000
    while (!stderr.includes("Ctrl-C stops it") && child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await use(exportsOf(stdout))
  } finally {
    child.kill(signal)
    await exited
  }
  return { code: child.exitCode, stdout, stderr }
}

describe("bin/emulator.js", () => {
  it("prints export lines that work, and stops quietly on Ctrl-C", async () => {
    const result = await serving([], async (env) => {
      expect(env["CPP_BASE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const reply = await fetch(`${env["CPP_BASE_URL"]}/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31&status=running`, {
        headers: { authorization: `Bearer ${env["CPP_TOKEN"]}` }
      })
      expect(reply.status).toBe(200)
      expect(await reply.json()).toHaveLength(1)
    })
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 240_000)

  it("serves only the documented surface with --strict", async () => {
    const result = await serving(["--strict"], async (env) => {
      const get = (path: string) => fetch(`${env["CPP_BASE_URL"]}${path}`, { headers: { authorization: `Bearer ${env["CPP_TOKEN"]}` } })
      expect((await get("/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31")).status).toBe(404)
      expect((await get("/api/publishers/contoso/offers/contoso-vm/submissions/?api-version=2017-10-31")).status).toBe(200)
      const admin = { headers: { "x-emulator-admin-token": env["CPP_EMULATOR_ADMIN_TOKEN"] ?? "" } }
      expect((await (await fetch(`${env["CPP_BASE_URL"]}/_emulator`, admin)).json() as { strict: boolean }).strict).toBe(true)
    })
    expect(result.stderr).toContain("strict: documented requests only")
  }, 240_000)

  it("moves time by default, so an operation started later has a later start", async () => {
    await serving([], async (env) => {
      const admin = { headers: { "x-emulator-admin-token": env["CPP_EMULATOR_ADMIN_TOKEN"] ?? "" } }
      const clock = async () => (await (await fetch(`${env["CPP_BASE_URL"]}/_emulator/clock`, admin)).json() as { now: number }).now
      const before = await clock()
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(await clock() - before).toBeGreaterThanOrEqual(60 * 200)
    })
  }, 240_000)

  it("serves https with --https, with the Entra variables and a certificate file it removes on exit", async () => {
    let certificate = ""
    await serving(["--https"], async (env) => {
      expect(env["CPP_BASE_URL"]).toMatch(/^https:\/\//)
      expect(env["AZURE_AUTHORITY_HOST"]).toBe(env["CPP_BASE_URL"])
      expect(env["AZURE_TENANT_ID"]).toBe("00000000-0000-0000-0000-000000000001")
      expect(env["AZURE_CLIENT_ID"]).toBe("offerops-demo")
      expect(env["AZURE_CLIENT_SECRET"]).toBe("demo-secret")
      certificate = env["NODE_EXTRA_CA_CERTS"] ?? ""
      expect(existsSync(certificate)).toBe(true)
      // #23: in a fresh directory only this user can enter, not at a name known from the port.
      expect(certificate).not.toContain(`cpp-emulator-${new URL(env["CPP_BASE_URL"]!).port}.pem`)
      expect(statSync(dirname(certificate)).mode & 0o777).toBe(0o700)
      expect(statSync(certificate).mode & 0o777).toBe(0o600)
      // `env` in another shell finds the same certificate and admin token.
      const again = exportsOf((await run(["env", "--url", env["CPP_BASE_URL"]!])).stdout)
      expect(again["NODE_EXTRA_CA_CERTS"]).toBe(certificate)
      expect(again["CPP_EMULATOR_ADMIN_TOKEN"]).toBe(env["CPP_EMULATOR_ADMIN_TOKEN"])
    }, "SIGTERM")
    expect(certificate).toMatch(/\.pem$/)
    expect(existsSync(certificate)).toBe(false)
  }, 240_000)

  it("says a busy port is in use, without a stack trace", async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    const port = (taken.address() as { port: number }).port
    try {
      const result = await run(["--port", String(port)])
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toBe(`cpp-emulator: port ${port} is in use; pass --port 0 for a free one`)
      expect(result.stdout).toBe("")
    } finally {
      taken.close()
    }
  }, 240_000)

  it.each([["--bogus"], ["--port", "http"], ["publish", "contoso"]])("answers %s with the usage, exit 2", async (...args) => {
    const result = await run(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("usage: emulator")
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 240_000)

  it("starts another publish on a running emulator, and `env` prints exports a shell can eval", async () => {
    await serving([], async (env) => {
      const url = env["CPP_BASE_URL"]!
      const idle = "contoso/contoso-saas"
      const started = await run(["publish", idle, "--url", url])
      expect(started.code).toBe(0)
      expect(started.stdout).toMatch(/^started publish \S+ on contoso\/contoso-saas\n$/)
      const again = await run(["golive", idle, "--url", url])
      expect(again.code).toBe(1)
      expect(again.stderr).toContain("already running on contoso/contoso-saas")
      // Through the root script, as the README says: pnpm's banner silenced, nothing but exports.
      const shell = await run([
        "-c",
        `eval "$(pnpm -s emulator env --url ${url})" && curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $CPP_TOKEN" "$CPP_BASE_URL/api/publishers/contoso/offers/contoso-saas/submissions?api-version=2017-10-31&status=running"`
      ], ["bash"])
      expect(shell.stderr).toBe("")
      expect(shell.stdout).toBe("200")
    })
  }, 240_000)

  it("prints each API's base URL and token; submit and configure start work on Partner Center's APIs, printing the id", async () => {
    await serving([], async (env) => {
      const url = env["CPP_BASE_URL"]!
      expect(env["PARTNER_CENTER_BASE_URL"]).toBe(`${url}/v1.0/ingestion`)
      expect(env["PRODUCT_INGESTION_BASE_URL"]).toBe(`${url}/rp/product-ingestion`)
      const call = (base: string, token: string, path: string, method = "GET") =>
        fetch(`${env[base]}${path}`, { method, headers: { authorization: `Bearer ${env[token]}` } })
      const submission = "/products/6f1c3e0a-18e0-4c2b-9a51-c0a7e5a9d001/submissions/1152921505695125040"
      // Each token reaches its own API only.
      expect((await call("PARTNER_CENTER_BASE_URL", "PARTNER_CENTER_TOKEN", submission)).status).toBe(200)
      expect((await call("PARTNER_CENTER_BASE_URL", "PRODUCT_INGESTION_TOKEN", submission)).status).toBe(401)
      expect((await call("PARTNER_CENTER_BASE_URL", "CPP_TOKEN", submission)).status).toBe(401)

      const refused = await run(["submit", "product:contoso-app", "--url", url])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain("already in progress")
      expect((await call("PARTNER_CENTER_BASE_URL", "PARTNER_CENTER_TOKEN", submission, "DELETE")).status).toBe(204)
      const submitted = await run(["submit", "product:contoso-app", "--url", url])
      expect(submitted.code).toBe(0)
      expect(submitted.stdout).toMatch(/^\d{19}\n$/)
      expect(submitted.stderr).toContain(`started submission ${submitted.stdout.trim()} on product 6f1c3e0a-18e0-4c2b-9a51-c0a7e5a9d001`)
      const newSubmission = `/products/6f1c3e0a-18e0-4c2b-9a51-c0a7e5a9d001/submissions/${submitted.stdout.trim()}`
      expect((await call("PARTNER_CENTER_BASE_URL", "PARTNER_CENTER_TOKEN", newSubmission)).status).toBe(200)

      const locked = await run(["configure", "contoso-analytics", "--url", url])
      expect(locked.code).toBe(1)
      expect(locked.stderr).toContain("still running")
      const status = (job: string) => call("PRODUCT_INGESTION_BASE_URL", "PRODUCT_INGESTION_TOKEN", `/configure/${job}/status?$version=2022-03-01-preview2`)
      const cancel = await call("PRODUCT_INGESTION_BASE_URL", "PRODUCT_INGESTION_TOKEN", "/configure/b3a1c2d4-18e0-4e5f-8a73-e2c9a7c1f003/cancel?$version=2022-03-01-preview2", "POST")
      expect(cancel.status).toBe(200)
      const configured = await run(["configure", "pia:contoso-analytics", "--url", url])
      expect(configured.code).toBe(0)
      expect(configured.stdout).toMatch(/^[0-9a-f-]{36}\n$/)
      expect((await (await status(configured.stdout.trim())).json() as { jobId: string }).jobId).toBe(configured.stdout.trim())

      const usage = await run(["submit", "contoso-app", "--url", url])
      expect(usage.code).toBe(2)
      expect(usage.stderr).toContain("submit takes one product:<productId or offer id>")

      const printed = exportsOf((await run(["env", "--url", url])).stdout)
      expect(Object.keys(printed)).toEqual([
        "CPP_BASE_URL",
        "CPP_TOKEN",
        "CPP_EMULATOR_ADMIN_TOKEN",
        "PARTNER_CENTER_BASE_URL",
        "PARTNER_CENTER_TOKEN",
        "PRODUCT_INGESTION_BASE_URL",
        "PRODUCT_INGESTION_TOKEN"
      ])
      expect((await fetch(`${printed["PRODUCT_INGESTION_BASE_URL"]}/product?externalId=contoso-analytics&$version=2022-03-01-preview2`, {
        headers: { authorization: `Bearer ${printed["PRODUCT_INGESTION_TOKEN"]}` }
      })).status).toBe(200)
    })
  }, 240_000)

  it("says no emulator answers, without a stack trace", async () => {
    const result = await run(["publish", "contoso/contoso-vm", "--url", "http://127.0.0.1:9"])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^cpp-emulator: no emulator answers at http:\/\/127\.0\.0\.1:9 .*pnpm emulator/)
  }, 240_000)

  it.skipIf("skipped" in oldNode)(oldNodeTitle("on Node older than 22.19 names the version it needs and the bootstrap"), () => {
    const result = runOnOldNode(bin)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^cpp-emulator needs Node >= 22\.19, not v\d+\.\d+\.\d+: run `\. scripts\/bootstrap\.sh`.*\n$/)
  }, 240_000)
})
