import { spawn } from "node:child_process"
import { once } from "node:events"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../bin/emulator.js", import.meta.url))

/** Runs the bin on a free port, collects the KEY=VALUE lines, then stops it with SIGTERM. */
const runBin = async (args: ReadonlyArray<string>, use: (env: Record<string, string>) => Promise<void>) => {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] })
  const exited = once(child, "exit")
  try {
    let output = ""
    const deadline = Date.now() + 10_000
    while (!/^CPP_TOKEN=.*\n/m.test(output) && Date.now() < deadline) {
      const [chunk] = (await Promise.race([once(child.stdout, "data"), exited.then(() => [""])])) as [Buffer | string]
      if (chunk === "") break
      output += chunk.toString()
    }
    await use(Object.fromEntries(output.trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string])))
  } finally {
    child.kill("SIGTERM")
    await exited
  }
  return child.exitCode ?? child.signalCode
}

describe("bin/emulator.js", () => {
  it("prints a base URL and a ready token that work, and stops on SIGTERM", async () => {
    const exit = await runBin([], async (env) => {
      expect(env["CPP_BASE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const reply = await fetch(`${env["CPP_BASE_URL"]}/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31&status=running`, {
        headers: { authorization: `Bearer ${env["CPP_TOKEN"]}` }
      })
      expect(reply.status).toBe(200)
      expect(await reply.json()).toHaveLength(1)
    })
    expect(exit).not.toBeNull()
  })

  it("serves https with --https, with the Entra variables and NODE_EXTRA_CA_CERTS a client needs", async () => {
    await runBin(["--https", "--time-scale", "1000"], async (env) => {
      expect(env["CPP_BASE_URL"]).toMatch(/^https:\/\//)
      expect(env["AZURE_AUTHORITY_HOST"]).toBe(env["CPP_BASE_URL"])
      expect(env["AZURE_TENANT_ID"]).toBe("00000000-0000-0000-0000-000000000001")
      expect(env["AZURE_CLIENT_ID"]).toBe("offerops-demo")
      expect(env["AZURE_CLIENT_SECRET"]).toBe("demo-secret")
      expect(env["NODE_EXTRA_CA_CERTS"]).toMatch(/\.pem$/)
    })
  })
})
