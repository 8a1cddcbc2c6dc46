import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { send, versioned } from "./support.ts"

const tenant = "11111111-1111-1111-1111-111111111111"
const principal = { tenantId: tenant, clientId: "app", clientSecret: "s3cret", publishers: ["contoso"] }

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ tokenTtlSeconds: 600 })
  emulator.addOffer("contoso", "vm")
  emulator.addOffer("fabrikam", "vm")
  emulator.addPrincipal(principal)
})
afterAll(() => emulator.close())

const v2 = (form: Record<string, string>, tenantId = tenant) =>
  send(`${emulator.url}/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString()
  })

const v1 = (form: Record<string, string>) =>
  send(`${emulator.url}/${tenant}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString()
  })

const credentials = { grant_type: "client_credentials", client_id: "app", client_secret: "s3cret" }
const scope = { scope: "https://cloudpartner.azure.com/.default" }
const resource = { resource: "https://cloudpartner.azure.com" }

const callApi = (token: string, publisher: string) =>
  send(`${emulator.url}${versioned(`/api/publishers/${publisher}/offers`)}`, { headers: { authorization: `Bearer ${token}` } })

describe("v2 token endpoint", () => {
  it("issues a bearer token in Entra's shape that the API accepts for the principal's publishers", async () => {
    const reply = await v2({ ...credentials, ...scope })
    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({ token_type: "Bearer", expires_in: 600, ext_expires_in: 600, access_token: expect.any(String) })
    expect((await callApi(reply.json.access_token, "contoso")).status).toBe(200)
    expect((await callApi(reply.json.access_token, "fabrikam")).status).toBe(403)
  })

  it("issues tokens that expire on the virtual clock", async () => {
    const token = (await v2({ ...credentials, ...scope })).json.access_token
    emulator.advance(600_000)
    expect((await callApi(token, "contoso")).status).toBe(401)
  })

  it("answers 401 invalid_client for a wrong secret, with Entra's error fields", async () => {
    const reply = await v2({ ...credentials, client_secret: "wrong", ...scope })
    expect(reply.status).toBe(401)
    expect(reply.json).toMatchObject({
      error: "invalid_client",
      error_description: expect.stringMatching(/^AADSTS7000215: /),
      error_codes: [7000215],
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      timestamp: expect.any(String)
    })
  })

  it("answers 400 for an unknown tenant", async () => {
    const reply = await v2({ ...credentials, ...scope }, "22222222-2222-2222-2222-222222222222")
    expect(reply.status).toBe(400)
    expect(reply.json.error_codes).toEqual([90002])
  })

  it("answers 400 for an unknown client, a missing parameter, another grant or another scope", async () => {
    expect((await v2({ ...credentials, client_id: "other", ...scope })).json).toMatchObject({
      error: "unauthorized_client",
      error_codes: [700016]
    })
    expect((await v2({ ...credentials })).json).toMatchObject({ error: "invalid_request", error_codes: [900144] })
    expect((await v2({ ...credentials, grant_type: "password", ...scope })).json.error).toBe("unsupported_grant_type")
    expect((await v2({ ...credentials, scope: "https://cloudpartner.azure.com/read" })).json.error).toBe("invalid_scope")
    const other = await v2({ ...credentials, scope: "https://management.azure.com/.default" })
    expect(other.status).toBe(400)
    expect(other.json.error).toBe("invalid_resource")
  })

  it("never logs the client secret", async () => {
    await v2({ ...credentials, ...scope })
    const logged = emulator.requests().filter((entry) => entry.path.endsWith("/token"))
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.every((entry) => !entry.body.includes("s3cret"))).toBe(true)
  })
})

describe("v1 token endpoint", () => {
  it("issues a token for resource=https://cloudpartner.azure.com, with numbers as strings", async () => {
    const reply = await v1({ ...credentials, ...resource })
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({
      token_type: "Bearer",
      expires_in: "600",
      ext_expires_in: "600",
      expires_on: String(Math.floor(emulator.now() / 1000) + 600),
      resource: "https://cloudpartner.azure.com",
      access_token: expect.any(String)
    })
    expect((await callApi(reply.json.access_token, "contoso")).status).toBe(200)
  })

  it("rejects another resource and a wrong secret", async () => {
    expect((await v1({ ...credentials, resource: "https://management.azure.com" })).json.error).toBe("invalid_resource")
    expect((await v1({ ...credentials, client_secret: "x", ...resource })).status).toBe(401)
  })
})

describe("OpenID metadata", () => {
  it("points every endpoint back at the emulator", async () => {
    const reply = await send(`${emulator.url}/${tenant}/v2.0/.well-known/openid-configuration`)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({
      token_endpoint: `${emulator.url}/${tenant}/oauth2/v2.0/token`,
      issuer: `${emulator.url}/${tenant}/v2.0`,
      authorization_endpoint: `${emulator.url}/${tenant}/oauth2/v2.0/authorize`,
      jwks_uri: `${emulator.url}/${tenant}/discovery/v2.0/keys`
    })
    expect((await send(reply.json.jwks_uri)).json).toEqual({ keys: [] })
    const legacy = await send(`${emulator.url}/${tenant}/.well-known/openid-configuration`)
    expect(legacy.json.token_endpoint).toBe(`${emulator.url}/${tenant}/oauth2/token`)
  })

  it("answers 400 for an unknown tenant", async () => {
    expect((await send(`${emulator.url}/nobody/v2.0/.well-known/openid-configuration`)).status).toBe(400)
  })

  it("serves instance discovery for clients that do not disable it", async () => {
    const authorize = encodeURIComponent(`${emulator.url}/${tenant}/oauth2/v2.0/authorize`)
    const reply = await send(`${emulator.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`)
    expect(reply.json.tenant_discovery_endpoint).toBe(`${emulator.url}/${tenant}/v2.0/.well-known/openid-configuration`)
  })
})
