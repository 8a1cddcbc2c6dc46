import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPartnerCenter, demoProductIngestion, type Emulator, startEmulator } from "../src/index.ts"
import { apiClient, send, versioned } from "./support.ts"

const tenant = "22222222-2222-2222-2222-222222222222"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ demo: true })
  emulator.addPrincipal({ tenantId: tenant, clientId: "app", clientSecret: "s3cret", publishers: ["contoso"] })
})
afterAll(() => emulator.close())

const credentials = { grant_type: "client_credentials", client_id: "app", client_secret: "s3cret" }

const tokenFor = async (form: Record<string, string>, version: "v1" | "v2" = "v2"): Promise<string> => {
  const path = version === "v2" ? "oauth2/v2.0/token" : "oauth2/token"
  const reply = await send(`${emulator.url}/${tenant}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...credentials, ...form }).toString()
  })
  expect(reply.status, JSON.stringify(reply.json)).toBe(200)
  return reply.json.access_token
}

/** One documented read per API, with the given token: the status each API answers. */
const statuses = async (token: string) => ({
  cpp: (await send(`${emulator.url}${versioned("/api/publishers/contoso/offers")}`, { headers: { authorization: `Bearer ${token}` } }))
    .status,
  partnerCenter: (await apiClient(emulator, "/v1.0/ingestion", token).get(`/products/${demoPartnerCenter.productId}`)).status,
  productIngestion: (await apiClient(emulator, "/rp/product-ingestion", token).get(
    `/configure/${demoProductIngestion.jobId}/status?$version=2022-03-01-preview2`
  )).status
})

/** The `aud` claim of a JWT-shaped token. */
const audienceOf = (token: string): unknown => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).aud

describe("each API accepts only tokens for its own audience", () => {
  it("a v2 token for https://api.partner.microsoft.com/.default reaches v1.0 and is refused (401) by CPP", async () => {
    const token = await tokenFor({ scope: "https://api.partner.microsoft.com/.default" })
    expect(audienceOf(token)).toBe("https://api.partner.microsoft.com")
    expect(await statuses(token)).toEqual({ cpp: 401, partnerCenter: 200, productIngestion: 401 })
  })

  it("a Graph token (scope https://graph.microsoft.com/.default) reaches only the Product Ingestion API", async () => {
    const token = await tokenFor({ scope: "https://graph.microsoft.com/.default" })
    expect(audienceOf(token)).toBe("https://graph.microsoft.com")
    expect(await statuses(token)).toEqual({ cpp: 401, partnerCenter: 401, productIngestion: 200 })
    const refused = await apiClient(emulator, "/v1.0/ingestion", token).get("/products")
    expect(refused.headers.get("www-authenticate")).toMatch(/not for https:\/\/api\.partner\.microsoft\.com/)
  })

  it("a v1 token for resource https://api.partner.microsoft.com works the same", async () => {
    const token = await tokenFor({ resource: "https://api.partner.microsoft.com" }, "v1")
    expect(await statuses(token)).toEqual({ cpp: 401, partnerCenter: 200, productIngestion: 401 })
    const graph = await tokenFor({ resource: "https://graph.microsoft.com" }, "v1")
    expect(await statuses(graph)).toEqual({ cpp: 401, partnerCenter: 401, productIngestion: 200 })
  })

  it("a CPP token is refused by v1.0 with 401, WWW-Authenticate naming the audience", async () => {
    const token = await tokenFor({ scope: "https://cloudpartner.azure.com/.default" })
    expect(await statuses(token)).toEqual({ cpp: 200, partnerCenter: 401, productIngestion: 401 })
    const reply = await apiClient(emulator, "/v1.0/ingestion", token).get("/products")
    expect(reply.headers.get("www-authenticate")).toMatch(/invalid_token.*not for https:\/\/api\.partner\.microsoft\.com/)
    const pia = await apiClient(emulator, "/rp/product-ingestion", token).get("/product?$version=2022-03-01-preview2")
    expect(pia.json).toEqual({ error: { code: "unauthorized", message: expect.any(String), details: [] } })
    expect(pia.headers.get("www-authenticate")).toMatch(/not for https:\/\/graph\.microsoft\.com/)
  })

  it("refuses any path of either API without a valid token before saying whether it exists", async () => {
    expect((await send(`${emulator.url}/v1.0/ingestion/no/such/path`)).status).toBe(401)
    expect((await send(`${emulator.url}/rp/product-ingestion/no/such/path`)).status).toBe(401)
    expect((await send(`${emulator.url}/v1.0/ingestion/products`, { headers: { authorization: "Bearer nope" } })).status).toBe(401)
  })

  it("tokens from issueToken carry the audience asked for", () => {
    expect(audienceOf(emulator.issueToken())).toBe("https://cloudpartner.azure.com")
    expect(audienceOf(emulator.issueToken({ audience: "https://api.partner.microsoft.com" }))).toBe("https://api.partner.microsoft.com")
    expect(audienceOf(emulator.issueToken({ audience: "https://graph.microsoft.com" }))).toBe("https://graph.microsoft.com")
  })
})
