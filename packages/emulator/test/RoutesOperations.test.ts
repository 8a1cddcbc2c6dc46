import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, freshOffer, release, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addPublisher("fabrikam")
})
afterAll(() => emulator.close())

describe("submissions", () => {
  it("lists the documented summaries, newest first", async () => {
    const offer = freshOffer(emulator)
    const first = emulator.startOperation(offer.publisherId, offer.offerId)
    const goLive = release(emulator, offer.publisherId, offer.offerId)
    const second = emulator.startOperation(offer.publisherId, offer.offerId)
    const reply = await client(emulator).get(offer.path("/submissions/"))
    expect(reply.status).toBe(200)
    expect(reply.json.map((s: { id: string }) => s.id)).toEqual([second.id, goLive.id, first.id])
    expect(reply.json[0]).toEqual({
      id: second.id,
      offerId: offer.offerId,
      offerVersion: 3,
      offerTypeId: "microsoft-azure-virtualmachines",
      publisherId: "contoso",
      submissionType: "publish",
      submissionState: "running",
      publishingVersion: 2,
      slot: "staging",
      version: expect.any(Number),
      definition: { metadata: { emails: "" } },
      changedTime: expect.any(String)
    })
    expect(reply.json.slice(1).map((s: { submissionState: string }) => s.submissionState)).toEqual(["completed", "completed"])
  })

  it("filters by status=, and by submissionState= as devigned/pub sends it", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    release(emulator, offer.publisherId, offer.offerId)
    const running = emulator.startOperation(offer.publisherId, offer.offerId)
    const byStatus = (await client(emulator).get(offer.path("/submissions?status=running"))).json
    expect(byStatus.map((s: { id: string }) => s.id)).toEqual([running.id])
    const byState = (await client(emulator).get(offer.path("/submissions?submissionState=completed"))).json
    expect(byState.map((s: { submissionType: string }) => s.submissionType)).toEqual(["goLive", "publish"])
    expect(byState.every((s: { submissionState: string }) => s.submissionState === "completed")).toBe(true)
  })
})

describe("one operation", () => {
  it("answers 404 for an operation that does not exist or belongs to another offer", async () => {
    const offer = freshOffer(emulator)
    const other = freshOffer(emulator)
    const { id } = emulator.startOperation(other.publisherId, other.offerId)
    expect((await client(emulator).get(offer.path(`/operations/${id}`))).status).toBe(404)
    expect((await client(emulator).get(offer.path("/operations/00000000-0000-0000-0000-000000000000"))).status).toBe(404)
  })

  it("resolves the legacy id to the same operation, with $ raw or percent-encoded", async () => {
    const offer = freshOffer(emulator)
    const { id } = emulator.startOperation(offer.publisherId, offer.offerId)
    const raw = await client(emulator).get(versioned(`/api/operations/contoso$${offer.offerId}$1$preview`))
    expect(raw.status).toBe(200)
    expect(raw.json.id).toBe(id)
    const encoded = await client(emulator).get(versioned(`/api/operations/contoso%24${offer.offerId}%241%24preview`))
    expect(encoded.json.id).toBe(id)
  })

  it("guards the legacy form like the other: 404 unknown, 403 other publisher, 401 anonymous", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    const legacy = versioned(`/api/operations/contoso$${offer.offerId}$1$preview`)
    expect((await client(emulator).get(versioned("/api/operations/contoso$nothing$1$preview"))).status).toBe(404)
    expect((await client(emulator, emulator.issueToken({ publishers: ["fabrikam"] })).get(legacy)).status).toBe(403)
    expect((await client(emulator, "nope").get(legacy)).status).toBe(401)
  })
})
