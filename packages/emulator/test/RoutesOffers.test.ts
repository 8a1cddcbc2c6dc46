import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, day, freshOffer, send, toSignoffMs, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addPublisher("contoso")
  emulator.addPublisher("fabrikam")
})
afterAll(() => emulator.close())

describe("offers", () => {
  it("lists the publishers the token may see, with the definition fields clients read", async () => {
    emulator.addPublisher("fabrikam", { displayText: "Fabrikam, Inc." })
    emulator.addOffer("fabrikam", "saas", { offerTypeId: "microsoft-azure-saas" })
    emulator.addOffer("fabrikam", "vm")
    const reply = await client(emulator, emulator.issueToken({ publishers: ["fabrikam"] })).get(versioned("/api/publishers"))
    expect(reply.status).toBe(200)
    expect(reply.json).toEqual([{
      id: "fabrikam",
      publisherId: "fabrikam",
      version: 1,
      definition: {
        displayText: "Fabrikam, Inc.",
        offerTypeCategories: ["microsoft-azure-saas", "microsoft-azure-virtualmachines"],
        sellerId: expect.any(Number)
      }
    }])
    const all = (await client(emulator).get(versioned("/api/publishers"))).json
    expect(new Set(all.map((p: { definition: { sellerId: number } }) => p.definition.sellerId)).size).toBe(all.length)
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

describe("one offer at a version or in a slot", () => {
  it("GET versions/{n}: each version the offer had, 404 beyond, 400 for a non-number", async () => {
    const offer = freshOffer(emulator, { displayText: "First" })
    emulator.startOperation(offer.publisherId, offer.offerId)
    emulator.configureOffer(offer.publisherId, offer.offerId, { displayText: "Second" })
    const one = await client(emulator).get(offer.path("/versions/1"))
    expect(one.status).toBe(200)
    expect(one.json).toMatchObject({ id: offer.offerId, version: 1, definition: { displayText: "First", offer: {}, plans: [] } })
    expect((await client(emulator).get(offer.path("/versions/2"))).json).toMatchObject({ version: 2, definition: { displayText: "Second" } })
    expect((await client(emulator).get(offer.path("/versions/3"))).status).toBe(404)
    expect((await client(emulator).get(offer.path("/versions/two"))).status).toBe(400)
  })

  it("GET slot/{slot}: Draft always; Preview once a publish reached sign-off; Production once a go-live completed", async () => {
    const offer = freshOffer(emulator)
    const slot = async (name: string) => (await client(emulator).get(offer.path(`/slot/${name}`)))
    expect((await slot("Draft")).json.version).toBe(1)
    expect((await slot("Preview")).status).toBe(404)
    expect((await slot("Production")).status).toBe(404)
    expect((await slot("Staging")).status).toBe(400)
    emulator.startOperation(offer.publisherId, offer.offerId)
    expect((await slot("Preview")).status).toBe(404)
    emulator.advance(toSignoffMs)
    expect((await slot("Preview")).json.version).toBe(2)
    emulator.startOperation(offer.publisherId, offer.offerId, "golive")
    expect((await slot("Production")).status).toBe(404)
    emulator.advance(3 * day)
    expect((await slot("Production")).json.version).toBe(2)
    expect((await slot("preview")).json.version).toBe(2)
  })
})

describe("PUT offer", () => {
  const put = (path: string, body: unknown, ifMatch?: string) =>
    send(`${emulator.url}${path}`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${emulator.issueToken()}`,
        "content-type": "application/json",
        ...(ifMatch === undefined ? {} : { "if-match": ifMatch })
      },
      body: JSON.stringify(body)
    })
  const definition = (displayText: string) => ({ definition: { displayText, offer: { "microsoft-azure-marketplace.title": displayText }, plans: [] } })

  it("updates with the ETag from GET, which then changes; a stale ETag gets 412 and changes nothing", async () => {
    const offer = freshOffer(emulator)
    const read = await client(emulator).get(offer.path())
    const etag = read.headers.get("etag")!
    const updated = await put(offer.path(), { ...read.json, ...definition("Renamed") }, etag)
    expect(updated.status).toBe(200)
    expect(updated.json.definition).toEqual(definition("Renamed").definition)
    const newEtag = updated.headers.get("etag")!
    expect(newEtag).not.toBe(etag)
    expect((await client(emulator).get(offer.path())).headers.get("etag")).toBe(newEtag)

    const stale = await put(offer.path(), definition("Lost update"), etag)
    expect(stale.status).toBe(412)
    expect(stale.json.error.code).toBe("PreconditionFailed")
    expect((await client(emulator).get(offer.path())).json.definition.displayText).toBe("Renamed")
  })

  it("overwrites with If-Match: *, and creates a new offer with 201", async () => {
    const offer = freshOffer(emulator)
    expect((await put(offer.path(), definition("Overwritten"), "*")).status).toBe(200)
    const created = await put(versioned("/api/publishers/contoso/offers/brand-new"), definition("New"), "*")
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ id: "brand-new", publisherId: "contoso", version: 1, status: "neverPublished" })
    expect((await client(emulator).get(versioned("/api/publishers/contoso/offers/brand-new"))).status).toBe(200)
  })

  it("wants If-Match (400), the full offer (400), and the path's ids (400)", async () => {
    const offer = freshOffer(emulator)
    expect((await put(offer.path(), definition("x"))).json.error.code).toBe("MissingIfMatch")
    expect((await put(offer.path(), { displayText: "x" }, "*")).status).toBe(400)
    expect((await put(offer.path(), { id: "other", ...definition("x") }, "*")).status).toBe(400)
    expect((await client(emulator).get(offer.path())).json.definition.displayText).toBe(offer.offerId)
  })

  it("guards like the other calls: 403 for another publisher's offer", async () => {
    const offer = freshOffer(emulator)
    const reply = await send(`${emulator.url}${offer.path()}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${emulator.issueToken({ publishers: ["fabrikam"] })}`, "if-match": "*" },
      body: JSON.stringify(definition("x"))
    })
    expect(reply.status).toBe(403)
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
