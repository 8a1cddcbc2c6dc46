/** Strict mode and the request log on Partner Center's two APIs: what strays from the documented surface. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { demoPartnerCenter, demoProductIngestion, type Emulator, startEmulator } from "../src/index.ts"
import { partnerCenterClient, productIngestionClient, send } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ demo: true })
})
afterEach(() => {
  emulator.setStrict(false)
  emulator.clearRequests()
})
afterAll(() => emulator.close())

const product = `/products/${demoPartnerCenter.productId}`
const v = "$version=2022-03-01-preview2"
const lastLogged = () => emulator.requests().at(-1)!

describe("ingestion API v1.0", () => {
  it("404 for a path it does not have and 405 with Allow for a method a path does not serve, in either mode", async () => {
    for (const strict of [false, true]) {
      emulator.setStrict(strict)
      expect((await partnerCenterClient(emulator).get("/offers")).status).toBe(404)
      const put = await send(`${emulator.url}/v1.0/ingestion${product}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${emulator.issueToken({ audience: "https://api.partner.microsoft.com" })}` }
      })
      expect(put.status).toBe(405)
      expect(put.headers.get("allow")).toBe("GET")
    }
  })

  it("a body on a GET or on promote: served and marked lenient, 400 strict", async () => {
    const submission = `${product}/submissions/${demoPartnerCenter.submissionId}`
    const withBody = () => partnerCenterClient(emulator).post(`${submission}/promote`, {})
    expect((await withBody()).status).toBe(409)
    expect(lastLogged().undocumented?.[0]).toMatch(/takes an empty body/)
    emulator.setStrict(true)
    const refused = await withBody()
    expect(refused.status).toBe(400)
    expect(refused.json).toMatch(/takes an empty body/)
  })

  it("an undocumented query parameter is ignored in either mode and marked; a trailing slash is 404 strict", async () => {
    emulator.setStrict(true)
    const reply = await partnerCenterClient(emulator).get(`${product}/submissions?top=1`)
    expect(reply.status).toBe(200)
    expect(reply.json.value).toHaveLength(2)
    expect(lastLogged().undocumented).toEqual([expect.stringMatching(/query parameter 'top'/)])
    expect((await partnerCenterClient(emulator).get(`${product}/`)).status).toBe(404)
    emulator.setStrict(false)
    expect((await partnerCenterClient(emulator).get(`${product}/`)).status).toBe(200)
  })

  it("the gate's own answers follow the errorBody variant", async () => {
    const before = emulator.partnerCenter.variants()
    emulator.partnerCenter.setVariants({ errorBody: "problemDetails" })
    try {
      const missing = await partnerCenterClient(emulator).get("/offers")
      expect(missing.status).toBe(404)
      expect(missing.json).toMatchObject({ status: 404, title: "Not Found", detail: "Resource not available." })
      const anonymous = await send(`${emulator.url}/v1.0/ingestion/products`)
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/)
      expect(anonymous.json).toMatchObject({ status: 401, title: "Unauthorized" })
    } finally {
      emulator.partnerCenter.setVariants(before)
    }
    expect((await send(`${emulator.url}/v1.0/ingestion/products`)).json).toBe("Authorization has been denied for this request.")
  })

  it("documented requests are not marked", async () => {
    emulator.setStrict(true)
    const filter = encodeURIComponent(`ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${demoPartnerCenter.offerId}')`)
    expect((await partnerCenterClient(emulator).get(`/products?$filter=${filter}`)).status).toBe(200)
    expect((await partnerCenterClient(emulator).get(`${product}/submissions?$filter=${encodeURIComponent("State eq 'InProgress'")}`)).status)
      .toBe(200)
    expect(emulator.requests().filter((r) => r.undocumented !== undefined)).toEqual([])
  })
})

describe("Product Ingestion API", () => {
  it("$version: defaulted (and marked) lenient, 400 strict", async () => {
    const path = `/product?externalId=${demoProductIngestion.externalId}`
    const lenient = await productIngestionClient(emulator).get(path)
    expect(lenient.status).toBe(200)
    expect(lenient.json.value[0].id).toBe(demoProductIngestion.productId)
    expect(lastLogged().undocumented).toEqual([expect.stringMatching(/\$version/)])
    emulator.setStrict(true)
    const strict = await productIngestionClient(emulator).get(path)
    expect(strict.status).toBe(400)
    expect(strict.json.error).toMatchObject({ code: "badRequest", message: expect.stringMatching(/\$version/), details: [] })
    expect((await productIngestionClient(emulator).get(`${path}&${v}`)).status).toBe(200)
  })

  it("a malformed $version is 400 in either mode", async () => {
    const reply = await productIngestionClient(emulator).get(`/product?$version=latest`)
    expect(reply.status).toBe(400)
    expect(reply.json.error.code).toBe("badRequest")
  })

  it("POST configure with another body or content type: accepted lenient, 400 strict", async () => {
    const body = { resources: [] }
    emulator.setStrict(true)
    const refused = await productIngestionClient(emulator).post(`/configure?${v}`, body)
    expect(refused.status).toBe(400)
    expect(refused.json.error.message).toMatch(/configure document/)
    const document = { $schema: "https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2", resources: [] }
    const plain = await productIngestionClient(emulator).post(`/configure?${v}`, document, { "content-type": "text/plain" })
    expect(plain.status).toBe(400)
    emulator.setStrict(false)
    expect((await productIngestionClient(emulator).post(`/configure?${v}`, body)).status).toBe(202)
    expect(lastLogged().undocumented?.[0]).toMatch(/configure document/)
  })

  it("cancel takes no body, or an empty object, in strict mode", async () => {
    emulator.setStrict(true)
    const path = `/configure/00000000-0000-0000-0000-000000000001/cancel?${v}`
    expect((await productIngestionClient(emulator).post(path, { reason: "x" })).status).toBe(400)
    expect((await productIngestionClient(emulator).post(path, {})).status).toBe(404)
    expect((await productIngestionClient(emulator).post(path)).status).toBe(404)
  })

  it("405 with Allow and 404 for what the API does not have", async () => {
    const reply = await productIngestionClient(emulator).get(`/configure?${v}`)
    expect(reply.status).toBe(405)
    expect(reply.headers.get("allow")).toBe("POST")
    expect((await productIngestionClient(emulator).get(`/resource-tree/${demoProductIngestion.productId}?${v}`)).status).toBe(404)
  })
})
