/**
 * Without CPP_TOKEN the CLI gets its token from Entra ID with the AZURE_* client secret, through
 * the bundle's lazily loaded @azure/identity chunk — here from the emulator's token endpoint over TLS.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { demoPrincipal, type Emulator, startEmulator } from "@offerops/emulator"
import { afterAll, beforeAll, expect, it } from "vitest"
import { offerops } from "./support.ts"

let emulator: Emulator
let env: Record<string, string>

beforeAll(async () => {
  emulator = await startEmulator({ demo: true, https: true })
  const ca = join(mkdtempSync(join(tmpdir(), "offerops-")), "emulator-ca.pem")
  writeFileSync(ca, emulator.certificatePem ?? "")
  env = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "/tmp",
    NODE_EXTRA_CA_CERTS: ca,
    CPP_BASE_URL: emulator.url,
    AZURE_TENANT_ID: demoPrincipal.tenantId,
    AZURE_CLIENT_ID: demoPrincipal.clientId,
    AZURE_CLIENT_SECRET: demoPrincipal.clientSecret,
    AZURE_AUTHORITY_HOST: emulator.url
  }
})
afterAll(() => emulator.close())

it("lists with a token from the client secret, and never prints the secret", async () => {
  const run = await offerops(env, ["operations", "contoso/contoso-vm", "--verbose"], { timeoutMs: 20_000 })
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/publish\s+running/)
  expect(emulator.requests().map((request) => `${request.method} ${request.path.split("?")[0]}`)).toContain(
    `POST /${demoPrincipal.tenantId}/oauth2/v2.0/token`
  )
  expect(run.stdout + run.stderr).not.toContain(demoPrincipal.clientSecret)
})

it("exits 4 when Entra refuses the secret", async () => {
  const run = await offerops(env, ["operations", "contoso/contoso-vm", "--output", "json"], {
    env: { AZURE_CLIENT_SECRET: "wrong-secret" },
    timeoutMs: 20_000
  })
  expect(run.code).toBe(4)
  expect(JSON.parse(run.stdout).error._tag).toBe("Unauthorized")
  expect(run.stdout + run.stderr).not.toContain("wrong-secret")
})

it("#23: refuses an http AZURE_AUTHORITY_HOST in one line, exit 2, no stack trace, no secret", async () => {
  const tokenRequests = () => emulator.requests().filter((request) => request.path.includes("/oauth2/")).length
  const before = tokenRequests()
  const run = await offerops(env, ["operations", "contoso/contoso-vm"], {
    env: { AZURE_AUTHORITY_HOST: "http://login.example.com" },
    timeoutMs: 20_000
  })
  expect(run.code).toBe(2)
  expect(run.stderr).toContain("AZURE_AUTHORITY_HOST")
  expect(run.stderr.split("\n")[0]).toContain("AZURE_AUTHORITY_HOST: expected an https URL")
  expect(run.stderr).not.toMatch(/\n\s+at /)
  expect(run.stdout + run.stderr).not.toContain(demoPrincipal.clientSecret)
  expect(tokenRequests()).toBe(before) // the secret went nowhere
})
