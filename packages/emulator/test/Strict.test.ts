/**
 * Strict mode and the "undocumented" mark in the request log: a request outside the documented surface
 * is marked in either mode; strict mode also answers it as a service that knows only the docs would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, freshOffer, send, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const documentedBody = { metadata: { "notification-emails": "ops@contoso.com" } }

/** The log entry of the last request whose path starts with `path`. */
const logged = (path: string) => emulator.requests().findLast((r) => r.path.startsWith(path))

const bare = (offerId: string) => `/api/publishers/contoso/offers/${offerId}`

describe("the request log marks requests outside the documented surface", () => {
  it("leaves documented requests unmarked", async () => {
    const offer = freshOffer(emulator)
    await client(emulator).post(offer.path("/publish"), documentedBody)
    await client(emulator).get(offer.path("/submissions/?status=running"))
    await client(emulator).post(offer.path("/cancel"), documentedBody)
    const mine = emulator.requests().filter((r) => r.path.includes(`/${offer.offerId}/`))
    expect(mine).toHaveLength(3)
    expect(mine.every((r) => r.undocumented === undefined)).toBe(true)
  })

  it("marks, and in lenient mode still serves, the undocumented filter, slashes and bodies", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    const filtered = await client(emulator).get(offer.path("/submissions/?submissionState=completed"))
    expect(filtered.json).toEqual([])
    expect(logged(`${bare(offer.offerId)}/submissions/?`)?.undocumented).toEqual([
      expect.stringContaining("query parameter 'submissionState' is not documented")
    ])
    expect((await client(emulator).get(offer.path("/submissions"))).status).toBe(200)
    expect(logged(`${bare(offer.offerId)}/submissions?`)?.undocumented).toEqual([expect.stringContaining("ends with a slash")])
    expect((await client(emulator).get(`/api/publishers/contoso/offers/${offer.offerId}/status/?api-version=2017-10-31`)).status).toBe(200)
    expect(logged(`/api/publishers/contoso/offers/${offer.offerId}/status/`)?.undocumented).toEqual([
      expect.stringContaining("has no trailing slash")
    ])
    expect((await client(emulator).post(offer.path("/cancel"))).status).toBe(200)
    expect(logged(offer.path("/cancel"))?.undocumented).toEqual([expect.stringContaining("notification-emails")])
  })

  it("survives a malformed escape in a path parameter", async () => {
    const reply = await client(emulator).get(versioned("/api/operations/contoso%E0%A4%A"))
    expect(reply.status).toBe(404)
  })

  it("marks unknown paths and wrong methods, even without a token", async () => {
    await send(`${emulator.url}/api/publishers/contoso/widgets`)
    expect(logged("/api/publishers/contoso/widgets")).toMatchObject({ status: 401, undocumented: [expect.any(String)] })
    await client(emulator).get(versioned("/api/publishers/contoso/offers/x/publish"))
    expect(logged("/api/publishers/contoso/offers/x/publish")).toMatchObject({ status: 405, undocumented: [expect.any(String)] })
  })
})

describe("strict mode, per offer", () => {
  it("ignores the undocumented filter name, as a service that does not know it would: the whole list comes back", async () => {
    const offer = freshOffer(emulator, { strict: true })
    emulator.startOperation(offer.publisherId, offer.offerId)
    const list = (await client(emulator).get(offer.path("/submissions/?submissionState=completed"))).json
    expect(list.map((s: { submissionState: string }) => s.submissionState)).toEqual(["running"])
    expect((await client(emulator).get(offer.path("/submissions/?status=completed"))).json).toEqual([])
  })

  it("serves each path only as the docs spell it", async () => {
    const offer = freshOffer(emulator, { strict: true })
    const noSlash = await client(emulator).get(offer.path("/submissions"))
    expect(noSlash.status).toBe(404)
    expect(noSlash.json.error.code).toBe("NotFound")
    expect((await client(emulator).get(offer.path("/submissions/"))).status).toBe(200)
    const extraSlash = await client(emulator).get(`/api/publishers/contoso/offers/${offer.offerId}/?api-version=2017-10-31`)
    expect(extraSlash.status).toBe(404)
  })

  it("takes exactly the documented bodies: cancel and publish with notification-emails, go-live with none", async () => {
    const offer = freshOffer(emulator, { strict: true })
    for (const body of [undefined, {}, { metadata: {} }, { metadata: { "notification-emails": ["a@x"] } }, { ...documentedBody, extra: 1 }]) {
      const refused = await client(emulator).post(offer.path("/publish"), body)
      expect(refused.status, JSON.stringify(body)).toBe(400)
      expect(refused.json.error.code).toBe("InvalidRequestBody")
      expect(refused.json.error.message).toContain(`{ "metadata": { "notification-emails"`)
    }
    expect(emulator.requests().filter((r) => r.path.startsWith(offer.path("/publish"))).every((r) => r.undocumented)).toBe(true)
    expect((await client(emulator).post(offer.path("/publish"), documentedBody)).status).toBe(202)
    expect((await client(emulator).post(offer.path("/cancel"))).status).toBe(400)
    expect((await client(emulator).post(offer.path("/cancel"), { metadata: { "notification-emails": "" } })).status).toBe(200)
    expect((await client(emulator).post(offer.path("/golive"), documentedBody)).status).toBe(400)
  })

  it("wants a body declared as application/json", async () => {
    const offer = freshOffer(emulator, { strict: true })
    const reply = await client(emulator).post(offer.path("/publish"), documentedBody, { "content-type": "text/plain" })
    expect(reply.status).toBe(415)
    expect(logged(offer.path("/publish"))?.undocumented).toEqual([expect.stringContaining("application/json")])
  })

  it("leaves other offers lenient", async () => {
    freshOffer(emulator, { strict: true })
    const lenient = freshOffer(emulator)
    expect((await client(emulator).get(lenient.path("/submissions"))).status).toBe(200)
  })

  it("also applies to the legacy operation path of a strict offer", async () => {
    const offer = freshOffer(emulator, { strict: true, locationStyle: "legacy" })
    const { location } = emulator.startOperation(offer.publisherId, offer.offerId)
    expect((await client(emulator).get(location)).status).toBe(200)
    expect((await client(emulator).get(location.replace("?", "/?"))).status).toBe(404)
  })
})

describe("strict mode, emulator-wide", () => {
  it("covers every offer and the calls that name none, and can be switched at run time", async () => {
    const strict = await startEmulator({ strict: true })
    try {
      strict.addOffer("contoso", "vm")
      const api = client(strict)
      expect((await api.get("/api/publishers/?api-version=2017-10-31")).status).toBe(404)
      expect((await api.get("/api/publishers?api-version=2017-10-31")).status).toBe(200)
      expect((await api.get(versioned("/api/publishers/contoso/offers/vm/submissions"))).status).toBe(404)
      strict.setStrict(false)
      expect(strict.isStrict()).toBe(false)
      expect((await api.get(versioned("/api/publishers/contoso/offers/vm/submissions"))).status).toBe(200)
    } finally {
      await strict.close()
    }
  })

  it("is switched through the admin API", async () => {
    const admin = (body: unknown) =>
      send(`${emulator.url}/_emulator/settings`, {
        method: "PATCH",
        headers: { "content-type": "application/json", "x-emulator-admin-token": emulator.adminToken },
        body: JSON.stringify(body)
      })
    expect((await admin({ strict: true })).json).toEqual({ strict: true })
    const offer = freshOffer(emulator)
    expect((await client(emulator).get(offer.path("/submissions"))).status).toBe(404)
    expect((await send(`${emulator.url}/_emulator`, { headers: { "x-emulator-admin-token": emulator.adminToken } })).json.strict).toBe(true)
    expect((await admin({ strict: false })).json).toEqual({ strict: false })
    expect((await client(emulator).get(offer.path("/submissions"))).status).toBe(200)
    expect((await admin({ strict: "yes" })).status).toBe(400)
  })
})
