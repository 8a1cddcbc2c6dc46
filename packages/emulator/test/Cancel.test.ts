import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, freshOffer, release } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const cancelBody = { metadata: { "notification-emails": "ops@contoso.com,oncall@contoso.com" } }

describe("synchronous cancel", () => {
  it("answers 200 and the operation then reads canceled, in GET and in the submissions list", async () => {
    const offer = freshOffer(emulator)
    const { id, location } = emulator.startOperation(offer.publisherId, offer.offerId)
    const reply = await client(emulator).post(offer.path("/cancel"), cancelBody)
    expect(reply.status).toBe(200)
    expect(reply.headers.get("location")).toBeNull()
    const operation = (await client(emulator).get(location)).json
    expect(operation.status).toBe("canceled")
    expect(operation.steps[0].status).toBe("canceled")
    const submissions = (await client(emulator).get(offer.path("/submissions"))).json
    expect(submissions[0]).toMatchObject({ id, submissionState: "canceled" })
    expect(emulator.operation(id)?.status).toBe("canceled")
  })

  it("accepts the empty bodies third-party clients send", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    expect((await client(emulator).post(offer.path("/cancel"))).status).toBe(200)
  })

  it("frees the offer for a new publish", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    await client(emulator).post(offer.path("/cancel"))
    expect((await client(emulator).post(offer.path("/publish"))).status).toBe(202)
  })
})

describe("asynchronous cancel", () => {
  it("answers 202 with a cancel operation that ends after its polls, then the target reads canceled", async () => {
    const offer = freshOffer(emulator, { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const target = emulator.startOperation(offer.publisherId, offer.offerId)
    const reply = await client(emulator).post(offer.path("/cancel"), cancelBody)
    expect(reply.status).toBe(202)
    const location = reply.headers.get("location")!
    expect(location).not.toBe(target.location)

    const pending = (await client(emulator).get(target.location)).json
    expect(pending).toMatchObject({ status: "running", cancellationRequestState: "cancelRequested" })

    const polls = []
    for (let i = 0; i < 3; i++) polls.push((await client(emulator).get(location)).json)
    expect(polls.map((p) => p.status)).toEqual(["running", "running", "completed"])
    expect(polls[0].submissionType).toBe("cancel")

    expect((await client(emulator).get(target.location)).json.status).toBe("canceled")
    const submissions = (await client(emulator).get(offer.path("/submissions"))).json
    expect(submissions[0]).toMatchObject({ id: target.id, submissionState: "canceled" })
  })

  it("ends by virtual time when nobody polls the cancel operation", async () => {
    const offer = freshOffer(emulator, { cancel: "async", cancelCompletesAfter: { ms: 90_000 } })
    const target = emulator.startOperation(offer.publisherId, offer.offerId)
    await client(emulator).post(offer.path("/cancel"))
    emulator.advance(89_000)
    expect(emulator.operation(target.id)?.status).toBe("running")
    emulator.advance(1_000)
    expect(emulator.operation(target.id)?.status).toBe("canceled")
  })

  it("counts reads of the submissions list, where openshift-ansible waits for canceled", async () => {
    const offer = freshOffer(emulator, { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    emulator.startOperation(offer.publisherId, offer.offerId)
    await client(emulator).post(offer.path("/cancel"))
    const states = []
    for (let i = 0; i < 3; i++) {
      states.push((await client(emulator).get(offer.path("/submissions"))).json[0].submissionState)
    }
    expect(states).toEqual(["running", "running", "canceled"])
  })

  it("returns the pending cancel operation when asked to cancel again, and refuses a publish meanwhile", async () => {
    const offer = freshOffer(emulator, { cancel: "async" })
    emulator.startOperation(offer.publisherId, offer.offerId)
    const first = await client(emulator).post(offer.path("/cancel"))
    const second = await client(emulator).post(offer.path("/cancel"))
    expect(second.status).toBe(202)
    expect(second.headers.get("location")).toBe(first.headers.get("location"))
    expect((await client(emulator).post(offer.path("/publish"))).status).toBe(409)
  })

  it("puts a Retry-After on the 202 and on polls of a running operation when configured", async () => {
    const offer = freshOffer(emulator, { cancel: "async", retryAfterSeconds: 7, cancelCompletesAfter: { polls: 1 } })
    emulator.startOperation(offer.publisherId, offer.offerId)
    const reply = await client(emulator).post(offer.path("/cancel"))
    expect(reply.headers.get("retry-after")).toBe("7")
    const location = reply.headers.get("location")!
    expect((await client(emulator).get(location)).headers.get("retry-after")).toBe("7")
    const done = await client(emulator).get(location)
    expect(done.json.status).toBe("completed")
    expect(done.headers.get("retry-after")).toBeNull()
  })
})

describe("asynchronous cancel that fails", () => {
  const failingOffer = (options: Parameters<typeof freshOffer>[1] = {}) =>
    freshOffer(emulator, { cancel: "async", cancelCompletesAfter: { polls: 2 }, cancelOutcome: "failed", ...options })

  it("ends the cancel operation failed with an error message, and the target runs on as if never asked", async () => {
    const offer = failingOffer()
    const target = emulator.startOperation(offer.publisherId, offer.offerId)
    const location = (await client(emulator).post(offer.path("/cancel"), cancelBody)).headers.get("location")!
    expect((await client(emulator).get(target.location)).json.cancellationRequestState).toBe("cancelRequested")

    const polls = []
    for (let i = 0; i < 3; i++) polls.push((await client(emulator).get(location)).json)
    expect(polls.map((p) => p.status)).toEqual(["running", "running", "failed"])
    expect(polls[2]).toMatchObject({ submissionType: "cancel", cancellationRequestState: "cannotCancel" })
    expect(polls[2].messages).toContainEqual(expect.objectContaining({
      level: "error",
      messageHtml: "The operation could not be cancelled because it reached a step that cannot be interrupted."
    }))

    expect((await client(emulator).get(target.location)).json).toMatchObject({ status: "running", cancellationRequestState: "canCancel" })
    const submissions = (await client(emulator).get(offer.path("/submissions"))).json
    expect(submissions[0]).toMatchObject({ id: target.id, submissionState: "running" })
    expect(emulator.operation(target.id)).toMatchObject({ status: "running", cancelRequested: false })
    release(emulator, offer.publisherId, offer.offerId)
    expect(emulator.operation(target.id)?.status).toBe("completed")
  })

  it("lets the target be cancelled again, through a new cancel operation", async () => {
    const offer = failingOffer({ cancelCompletesAfter: { polls: 1 } })
    const target = emulator.startOperation(offer.publisherId, offer.offerId)
    const first = (await client(emulator).post(offer.path("/cancel"))).headers.get("location")!
    await client(emulator).get(first)
    expect((await client(emulator).get(first)).json.status).toBe("failed")
    // A publish now finds the same publish running again, as the docs' idempotent publish says.
    expect((await client(emulator).post(offer.path("/publish"))).headers.get("location")).toBe(target.location)

    emulator.configureOffer(offer.publisherId, offer.offerId, { cancelOutcome: "completed" })
    const second = (await client(emulator).post(offer.path("/cancel"))).headers.get("location")!
    expect(second).not.toBe(first)
    await client(emulator).get(second)
    expect((await client(emulator).get(second)).json.status).toBe("completed")
    expect(emulator.operation(target.id)?.status).toBe("canceled")
  })

  it("spells the failure as the offer does", async () => {
    const offer = failingOffer({ statusSpelling: "pascal", cancelCompletesAfter: { ms: 60_000 } })
    const target = emulator.startOperation(offer.publisherId, offer.offerId)
    const location = (await client(emulator).post(offer.path("/cancel"))).headers.get("location")!
    emulator.advance(60_000)
    expect((await client(emulator).get(location)).json).toMatchObject({ status: "Failed", submissionType: "Cancel" })
    expect((await client(emulator).get(target.location)).json.status).toBe("Running")
  })

  it("does not touch a cancel with nothing running, which still completes", async () => {
    const offer = failingOffer()
    const reply = await client(emulator).post(offer.path("/cancel"))
    expect((await client(emulator).get(reply.headers.get("location")!)).json.status).toBe("completed")
  })
})

describe("cancel with nothing running", () => {
  it("by default answers 202 with a cancel operation that is already completed, as the service did for openshift-ansible", async () => {
    const offer = freshOffer(emulator)
    const reply = await client(emulator).post(offer.path("/cancel"))
    expect(reply.status).toBe(202)
    const operation = (await client(emulator).get(reply.headers.get("location")!)).json
    expect(operation).toMatchObject({ status: "completed", submissionType: "cancel" })
  })

  it("does the same after the last operation has completed", async () => {
    const offer = freshOffer(emulator)
    emulator.startOperation(offer.publisherId, offer.offerId)
    release(emulator, offer.publisherId, offer.offerId)
    expect((await client(emulator).post(offer.path("/cancel"))).status).toBe(202)
  })

  it.each([
    ["ok", 200, undefined],
    ["badRequest", 400, "NoOperationInProgress"],
    ["notFound", 404, "NotFound"],
    ["conflict", 409, "Conflict"]
  ] as const)("answers %s when configured so", async (whenIdle, status, code) => {
    const offer = freshOffer(emulator, { whenIdle })
    const reply = await client(emulator).post(offer.path("/cancel"))
    expect(reply.status).toBe(status)
    if (code !== undefined) expect(reply.json.error.code).toBe(code)
  })
})

describe("cancel guards", () => {
  it("answers 404 for an unknown offer and 403 for another publisher", async () => {
    const offer = freshOffer(emulator)
    expect((await client(emulator).post("/api/publishers/contoso/offers/none/cancel?api-version=2017-10-31")).status).toBe(404)
    const outsider = client(emulator, emulator.issueToken({ publishers: ["fabrikam"] }))
    expect((await outsider.post(offer.path("/cancel"))).status).toBe(403)
  })
})
