import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, day, freshOffer, send } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

describe("location variants", () => {
  it("Operation-Location: an absolute URL without api-version, as the OLD docs show", async () => {
    const offer = freshOffer(emulator, { locationHeader: "Operation-Location" })
    const reply = await client(emulator).post(offer.path("/publish"))
    expect(reply.headers.get("location")).toBeNull()
    const location = reply.headers.get("operation-location")!
    expect(location).toMatch(new RegExp(`^${emulator.url}/api/publishers/contoso/offers/${offer.offerId}/operations/[0-9a-f-]{36}$`))
    expect(location).not.toContain("api-version")
    const poll = await send(`${location}?api-version=2017-10-31`, { headers: { authorization: `Bearer ${emulator.issueToken()}` } })
    expect(poll.json.status).toBe("running")
  })

  it("Operation-Location relative with api-version, as the OLD publish page shows, legacy or migrated", async () => {
    const legacy = freshOffer(emulator, { locationHeader: "Operation-Location", operationLocationForm: "relative", locationStyle: "legacy" })
    const reply = await client(emulator).post(legacy.path("/publish"))
    expect(reply.headers.get("location")).toBeNull()
    const location = reply.headers.get("operation-location")!
    expect(location).toBe(`/api/operations/contoso$${legacy.offerId}$1$preview?api-version=2017-10-31`)
    expect((await client(emulator).get(location)).json.status).toBe("running")

    const migrated = freshOffer(emulator, { locationHeader: "both", operationLocationForm: "relative", cancel: "async" })
    emulator.startOperation(migrated.publisherId, migrated.offerId)
    const cancel = await client(emulator).post(migrated.path("/cancel"))
    expect(cancel.headers.get("operation-location")).toMatch(/^\/api\/publishers\/contoso\/offers\/.*\/operations\/[0-9a-f-]{36}\?api-version=2017-10-31$/)
    expect(cancel.headers.get("operation-location")).toBe(cancel.headers.get("location"))
  })

  it("both headers at once", async () => {
    const offer = freshOffer(emulator, { locationHeader: "both" })
    const reply = await client(emulator).post(offer.path("/publish"))
    expect(reply.headers.get("location")).toMatch(/^\/api\/.*api-version=2017-10-31$/)
    expect(reply.headers.get("operation-location")).toMatch(/^http:\/\//)
  })

  it("body: the location in a JSON body, as the docs' prose says", async () => {
    const offer = freshOffer(emulator, { locationHeader: "body" })
    const reply = await client(emulator).post(offer.path("/publish"))
    expect(reply.status).toBe(202)
    expect(reply.headers.get("location")).toBeNull()
    expect(reply.headers.get("operation-location")).toBeNull()
    expect((await client(emulator).get(reply.json.location)).json.status).toBe("running")
  })

  it("legacy style: /api/operations/{p}${o}${n}$preview, for publish and for the cancel operation", async () => {
    const offer = freshOffer(emulator, { locationStyle: "legacy", cancel: "async" })
    const publish = await client(emulator).post(offer.path("/publish"))
    expect(publish.headers.get("location")).toBe(`/api/operations/contoso$${offer.offerId}$1$preview?api-version=2017-10-31`)
    const operation = (await client(emulator).get(publish.headers.get("location")!)).json
    // notificationEmails is only returned for non-migrated offers (§5.2).
    expect(operation.notificationEmails).toBe("")
    const cancel = await client(emulator).post(offer.path("/cancel"))
    expect(cancel.headers.get("location")).toBe(`/api/operations/contoso$${offer.offerId}$1$cancel?api-version=2017-10-31`)
    expect((await client(emulator).get(cancel.headers.get("location")!)).json.submissionType).toBe("cancel")
  })

  it("in-process startOperation returns the same location the API would", async () => {
    const offer = freshOffer(emulator, { locationStyle: "legacy" })
    const { location } = emulator.startOperation(offer.publisherId, offer.offerId)
    expect(location).toBe(`/api/operations/contoso$${offer.offerId}$1$preview?api-version=2017-10-31`)
  })
})

describe("operation body shape", () => {
  it("array: a one-element array like the documentation sample", async () => {
    const offer = freshOffer(emulator, { operationBody: "array" })
    const { id, location } = emulator.startOperation(offer.publisherId, offer.offerId)
    const body = (await client(emulator).get(location)).json
    expect(Array.isArray(body)).toBe(true)
    expect(body).toHaveLength(1)
    expect(body[0].id).toBe(id)
  })

  it("object by default, without notificationEmails for migrated offers", async () => {
    const offer = freshOffer(emulator)
    const { location } = emulator.startOperation(offer.publisherId, offer.offerId)
    const body = (await client(emulator).get(location)).json
    expect(Array.isArray(body)).toBe(false)
    expect(body).not.toHaveProperty("notificationEmails")
  })
})

const walk = async (options: Parameters<Emulator["addOffer"]>[2]) => {
  const offer = freshOffer(emulator, options)
  const { location } = emulator.startOperation(offer.publisherId, offer.offerId)
  const read = async () => (await client(emulator).get(location)).json
  const submissionState = async () => (await client(emulator).get(offer.path("/submissions"))).json[0].submissionState
  return { offer, read, submissionState }
}

describe("status spellings", () => {
  it("camel: running, completed, notStarted", async () => {
    const { offer, read } = await walk({ statusSpelling: "camel" })
    expect((await read()).steps[1].status).toBe("notStarted")
    emulator.advance(6 * day)
    expect((await read()).status).toBe("running")
    emulator.startOperation(offer.publisherId, offer.offerId, "golive")
    expect((await read()).status).toBe("completed")
  })

  it("pascal: Running, InProgress, WaitingForPublisherReview, Complete, Canceled, Publish", async () => {
    const { offer, read, submissionState } = await walk({ statusSpelling: "pascal" })
    const running = await read()
    expect(running.status).toBe("Running")
    expect(running.submissionType).toBe("Publish")
    expect(running.steps.map((s: { status: string }) => s.status)).toEqual([
      "InProgress",
      "NotStarted",
      "NotStarted",
      "NotStarted",
      "NotStarted",
      "NotStarted"
    ])
    emulator.advance(10 * 60_000 + 2 * day + 12 * 3_600_000 + 30 * 60_000)
    expect((await read()).steps[4].status).toBe("WaitingForPublisherReview")
    await client(emulator).post(offer.path("/cancel"))
    expect((await read()).status).toBe("Canceled")
    expect(await submissionState()).toBe("Canceled")
  })

  it("pascal: a failed step is Rejected", async () => {
    const { read } = await walk({ statusSpelling: "pascal", failAtStep: "displaydummycertify" })
    emulator.advance(day)
    const failed = await read()
    expect(failed.status).toBe("Failed")
    expect(failed.steps[0].status).toBe("Rejected")
  })

  it("table: \"not started\", \"cancelled\", \"complete\" and \"blocked\"", async () => {
    const queued = await walk({ statusSpelling: "table", queuedMs: 60_000 })
    expect((await queued.read()).status).toBe("not started")
    expect(await queued.submissionState()).toBe("not started")

    const { offer, read, submissionState } = await walk({ statusSpelling: "table" })
    emulator.advance(11 * 60_000)
    await client(emulator).post(offer.path("/cancel"))
    const canceled = await read()
    expect(canceled.status).toBe("cancelled")
    expect(canceled.steps.map((s: { status: string }) => s.status)).toEqual([
      "complete",
      "cancelled",
      "blocked",
      "blocked",
      "blocked",
      "blocked"
    ])
    expect(await submissionState()).toBe("cancelled")
  })

  it("filters the submissions list ignoring case, spaces and the British spelling", async () => {
    const { offer } = await walk({ statusSpelling: "table" })
    await client(emulator).post(offer.path("/cancel"))
    const list = (await client(emulator).get(offer.path("/submissions?status=canceled"))).json
    expect(list).toHaveLength(1)
    expect(list[0].submissionState).toBe("cancelled")
  })
})
