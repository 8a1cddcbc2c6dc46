/**
 * HTTPS_PROXY/NO_PROXY for the CLI and its Entra login, against a real CONNECT proxy on 127.0.0.1
 * and the emulator over TLS: the requests go through a tunnel, the proxy sees the CONNECT line and
 * encrypted bytes (never a token or a secret), loopback stays direct by default, NO_PROXY is obeyed.
 *
 * Everything here is on 127.0.0.1, which the CLI reaches directly while NO_PROXY is unset. The tests
 * that want the proxy set a NO_PROXY naming another host: a NO_PROXY that is set is taken as given,
 * so loopback is not exempt, and the emulator stands where the service would be behind a corporate proxy.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type ConnectProxy, demoPrincipal, type Emulator, startConnectProxy, startEmulator } from "@offerops/emulator"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { jsonOf, offerops } from "./support.ts"

let emulator: Emulator
let proxy: ConnectProxy
let token: string
let base: Record<string, string>

beforeAll(async () => {
  emulator = await startEmulator({ demo: true, https: true })
  token = emulator.issueToken({ ttlSeconds: 3600 })
  const ca = join(mkdtempSync(join(tmpdir(), "offerops-")), "emulator-ca.pem")
  writeFileSync(ca, emulator.certificatePem ?? "")
  base = { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", NODE_EXTRA_CA_CERTS: ca, CPP_BASE_URL: emulator.url }
})
afterAll(() => emulator.close())
beforeEach(async () => {
  proxy = await startConnectProxy()
})
afterEach(() => proxy.close())

const emulatorHost = () => new URL(emulator.url).host
const listed = () => emulator.requests().filter((request) => request.path.startsWith("/api/publishers/contoso/offers/contoso-vm/submissions")).length

describe("HTTPS_PROXY", () => {
  it("tunnels the requests through the proxy, which sees no token", async () => {
    const before = listed()
    const run = await offerops({ ...base, CPP_TOKEN: token, HTTPS_PROXY: proxy.url, NO_PROXY: "intranet.example" }, ["operations", "contoso/contoso-vm", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run).operations.length).toBeGreaterThan(0)
    expect(listed()).toBe(before + 1)
    expect(proxy.tunnels).toContain(emulatorHost())
    expect(proxy.seen()).toContain(`CONNECT ${emulatorHost()}`)
    expect(proxy.seen()).not.toContain(token)
    expect(proxy.seen()).not.toContain("/api/publishers")
    expect(proxy.seen().toLowerCase()).not.toContain("authorization")
  })

  it("takes the Entra login through the proxy too, which sees neither the secret nor the token", async () => {
    const run = await offerops({
      ...base,
      AZURE_TENANT_ID: demoPrincipal.tenantId,
      AZURE_CLIENT_ID: demoPrincipal.clientId,
      AZURE_CLIENT_SECRET: demoPrincipal.clientSecret,
      AZURE_AUTHORITY_HOST: emulator.url,
      https_proxy: proxy.url,
      no_proxy: "intranet.example"
    }, ["operations", "contoso/contoso-vm"], { timeoutMs: 30_000 })
    expect(run.code).toBe(0)
    expect(emulator.requests().map((request) => `${request.method} ${request.path.split("?")[0]}`)).toContain(
      `POST /${demoPrincipal.tenantId}/oauth2/v2.0/token`
    )
    // The login (@azure/identity's own connections) and the API requests (Node's fetch) each opened a tunnel.
    expect(proxy.tunnels.filter((tunnel) => tunnel === emulatorHost()).length).toBeGreaterThanOrEqual(2)
    expect(proxy.seen()).not.toContain(demoPrincipal.clientSecret)
    expect(proxy.seen()).not.toContain("oauth2")
    expect(proxy.seen()).not.toMatch(/eyJ[\w-]+\.[\w-]+/) // no JWT, in either direction
  }, 40_000)

  it("reaches loopback directly while NO_PROXY is unset, and obeys a NO_PROXY that names the host", async () => {
    for (const noProxy of [{}, { NO_PROXY: "example.com,127.0.0.1" }]) {
      const run = await offerops({ ...base, CPP_TOKEN: token, HTTPS_PROXY: proxy.url, ...noProxy }, ["operations", "contoso/contoso-vm"])
      expect(run.code).toBe(0)
    }
    expect(proxy.tunnels).toEqual([])
  })

  it("refuses a proxy setting that is not a URL, before any request: exit 2, naming the variable", async () => {
    const before = emulator.requests().length
    const run = await offerops({ ...base, CPP_TOKEN: token, HTTPS_PROXY: "proxy.example.com:8080" }, ["operations", "contoso/contoso-vm"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("HTTPS_PROXY")
    expect(run.stderr).toContain("http://proxy.example.com:8080")
    expect(emulator.requests().length).toBe(before)
  })
})
