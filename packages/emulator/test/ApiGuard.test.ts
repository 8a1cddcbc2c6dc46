import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, send, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addOffer("contoso", "vm")
  emulator.addOffer("fabrikam", "vm")
})
afterAll(() => emulator.close())

const offers = versioned("/api/publishers/contoso/offers")

describe("authorization", () => {
  it("answers 401 without a bearer token, with a WWW-Authenticate challenge", async () => {
    const reply = await send(`${emulator.url}${offers}`)
    expect(reply.status).toBe(401)
    expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer /)
    expect(reply.json.error.code).toBe("Unauthorized")
  })

  it("answers 401 for a token it never issued and for a non-bearer scheme", async () => {
    expect((await client(emulator, "made-up").get(offers)).status).toBe(401)
    const basic = await send(`${emulator.url}${offers}`, { headers: { authorization: "Basic dXNlcjpwYXNz" } })
    expect(basic.status).toBe(401)
  })

  it("answers 401 once the token expires on the virtual clock", async () => {
    const token = emulator.issueToken({ ttlSeconds: 60 })
    expect((await client(emulator, token).get(offers)).status).toBe(200)
    emulator.advance(60_000)
    const expired = await client(emulator, token).get(offers)
    expect(expired.status).toBe(401)
    expect(expired.headers.get("www-authenticate")).toContain("expired")
  })

  it("answers 403 when the principal has no access to the publisher", async () => {
    const token = emulator.issueToken({ publishers: ["fabrikam"] })
    const reply = await client(emulator, token).get(offers)
    expect(reply.status).toBe(403)
    expect(reply.json.error.message).toContain("contoso")
    expect((await client(emulator, token).get(versioned("/api/publishers/fabrikam/offers"))).status).toBe(200)
  })

  it("checks the token before the api-version, so anonymous callers learn nothing", async () => {
    expect((await send(`${emulator.url}/api/publishers/contoso/offers`)).status).toBe(401)
  })
})

describe("authentication before routing", () => {
  it("answers 401 without a valid token on every /api path, served or not, with or without api-version", async () => {
    for (const path of ["/api/publishers/contoso/widgets", "/api/nothing?api-version=2017-10-31", "/api", offers]) {
      const reply = await send(`${emulator.url}${path}`)
      expect(reply.status, path).toBe(401)
      expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer /)
    }
    expect((await client(emulator, "made-up").get("/api/publishers/contoso/widgets")).status).toBe(401)
    expect((await send(`${emulator.url}${offers}`, { method: "PUT" })).status).toBe(401)
  })

  it("answers 405 with Allow for a method a served path does not take", async () => {
    const token = emulator.issueToken()
    const put = await send(`${emulator.url}${offers}`, { method: "PUT", headers: { authorization: `Bearer ${token}` } })
    expect(put.status).toBe(405)
    expect(put.headers.get("allow")).toBe("GET")
    expect(put.json.error.code).toBe("MethodNotAllowed")
    const offer = versioned("/api/publishers/contoso/offers/vm")
    const del = await send(`${emulator.url}${offer}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } })
    expect(del.status).toBe(405)
    expect(del.headers.get("allow")).toBe("GET, PUT")
    const get = await client(emulator, token).get(versioned("/api/publishers/contoso/offers/vm/cancel"))
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
  })
})
