import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, freshOffer, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addPublisher("contoso")
  emulator.addPublisher("fabrikam")
})
afterAll(() => emulator.close())

describe("offers", () => {
  it("lists the publishers the token may see", async () => {
    const reply = await client(emulator, emulator.issueToken({ publishers: ["fabrikam"] })).get(versioned("/api/publishers"))
    expect(reply.status).toBe(200)
    expect(reply.json.map((p: { id: string }) => p.id)).toEqual(["fabrikam"])
  })

  it("lists a publisher's offers with the documented fields", async () => {
    const offer = freshOffer(emulator, { displayText: "Contoso VM" })
    const reply = await client(emulator).get(versioned("/api/publishers/contoso/offers"))
    expect(reply.status).toBe(200)
    expect(reply.json).toContainEqual({
      offerTypeId: "microsoft-azure-virtualmachines",
      publisherId: "contoso",
      status: "neverPublished",
      id: offer.offerId,
      version: 1,
      definition: { displayText: "Contoso VM" },
      changedTime: expect.any(String)
    })
  })

  it("returns one offer with an ETag and follows its latest submission's status", async () => {
    const offer = freshOffer(emulator, { statusSpelling: "pascal" })
    const before = await client(emulator).get(offer.path())
    expect(before.status).toBe(200)
    expect(before.json.status).toBe("NeverPublished")
    expect(before.json.definition).toMatchObject({ offer: {}, plans: [] })
    expect(before.headers.get("etag")).toMatch(/^W\/"datetime'/)
    emulator.startOperation(offer.publisherId, offer.offerId)
    const after = await client(emulator).get(offer.path())
    expect(after.json.status).toBe("Running")
    expect(after.json.version).toBe(2)
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"))
  })

  it("reports offer status with the running submission's steps", async () => {
    const offer = freshOffer(emulator)
    expect((await client(emulator).get(offer.path("/status"))).json).toEqual({
      status: "neverPublished",
      messages: [],
      steps: [],
      previewLinks: [],
      liveLinks: []
    })
    emulator.startOperation(offer.publisherId, offer.offerId)
    const reply = await client(emulator).get(offer.path("/status"))
    expect(reply.json.status).toBe("running")
    expect(reply.json.steps).toHaveLength(6)
  })

  it("answers 404 for unknown publishers and offers, in the documented error shape", async () => {
    const unknownPublisher = await client(emulator).get(versioned("/api/publishers/nobody/offers"))
    expect(unknownPublisher.status).toBe(404)
    expect(unknownPublisher.json).toEqual({ error: { code: "NotFound", message: expect.stringContaining("nobody") } })
    const unknownOffer = await client(emulator).get(versioned("/api/publishers/contoso/offers/nothing"))
    expect(unknownOffer.status).toBe(404)
    expect(unknownOffer.json.error.code).toBe("NotFound")
  })

  it("answers 404 for paths the API does not have", async () => {
    const reply = await client(emulator).get(versioned("/api/publishers/contoso/widgets"))
    expect(reply.status).toBe(404)
    expect(reply.json.error.code).toBe("NotFound")
  })
})

describe("api-version", () => {
  it("is required, and a wrong one lists the allowed versions", async () => {
    const missing = await client(emulator).get("/api/publishers/contoso/offers")
    expect(missing.status).toBe(400)
    expect(missing.json.error.code).toBe("InvalidAPIVersion")
    const wrong = await client(emulator).get("/api/publishers/contoso/offers?api-version=2016-08-01-preview")
    expect(wrong.status).toBe(400)
    expect(wrong.json.error.message).toContain("2017-10-31")
  })
})
