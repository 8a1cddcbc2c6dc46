import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, day, freshOffer, type Reply, toSignoffMs } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const poll = (reply: Reply) => client(emulator).get(reply.headers.get("location")!)

describe("publish", () => {
  it("answers 202 with a relative Location that polls the new operation", async () => {
    const offer = freshOffer(emulator)
    const reply = await client(emulator).post(offer.path("/publish"), { metadata: { "notification-emails": "ops@contoso.com" } })
    expect(reply.status).toBe(202)
    const location = reply.headers.get("location")!
    expect(location).toMatch(
      new RegExp(`^/api/publishers/contoso/offers/${offer.offerId}/operations/[0-9a-f-]{36}\\?api-version=2017-10-31$`)
    )
    const operation = await poll(reply)
    expect(operation.status).toBe(200)
    expect(operation.json).toMatchObject({
      status: "running",
      submissionType: "publish",
      publishingVersion: 1,
      cancellationRequestState: "canCancel",
      previewLinks: [],
      liveLinks: []
    })
    expect(operation.json.messages[0]).toMatchObject({ level: "information", timestamp: expect.any(String) })
    expect(operation.json.steps[0]).toMatchObject({
      id: "displaydummycertify",
      stepName: "Validate Pre-Requisites",
      status: "running",
      estimatedTimeFrame: "< 15 min",
      progressPercentage: 0,
      messages: []
    })
  })

  it("walks the steps as the virtual clock moves, waits at sign-off, and ends completed when the publisher goes live", async () => {
    const offer = freshOffer(emulator)
    const reply = await client(emulator).post(offer.path("/publish"))
    emulator.advance(day)
    const midway = (await poll(reply)).json
    expect(midway.steps.map((s: { status: string }) => s.status)).toEqual([
      "completed",
      "running",
      "notStarted",
      "notStarted",
      "notStarted",
      "notStarted"
    ])
    expect(midway.steps[1].progressPercentage).toBeGreaterThan(0)
    emulator.advance(30 * day)
    const waiting = (await poll(reply)).json
    expect(waiting).toMatchObject({ status: "running", cancellationRequestState: "canCancel" })
    expect(waiting.steps.map((s: { status: string }) => s.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
      "running",
      "notStarted"
    ])
    expect((await client(emulator).get(offer.path())).json.status).toBe("waitingForPublisherReview")
    expect((await client(emulator).get(offer.path("/status"))).json.status).toBe("waitingForPublisherReview")

    const goLive = await client(emulator).post(offer.path("/golive"))
    expect(goLive.status).toBe(202)
    const done = (await poll(reply)).json
    expect(done.status).toBe("completed")
    expect(done.steps[4].status).toBe("completed")
    expect(done.cancellationRequestState).toBe("cannotCancel")
    expect((await poll(goLive)).json.status).toBe("running")
    emulator.advance(3 * day)
    expect((await poll(goLive)).json.status).toBe("completed")
    expect((await client(emulator).get(offer.path())).json.status).toBe("succeeded")
  })

  it("moves time at a time scale without advance", async () => {
    const fast = await startEmulator({ timeScale: 100_000_000 })
    try {
      fast.addOffer("contoso", "vm")
      const { id } = fast.startOperation("contoso", "vm")
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(fast.operation(id)?.steps.find((s) => s.status === "running")?.id).toBe("publisher-signoff")
    } finally {
      await fast.close()
    }
  })

  it("is idempotent while the same publish runs", async () => {
    const offer = freshOffer(emulator)
    const first = await client(emulator).post(offer.path("/publish"))
    const second = await client(emulator).post(offer.path("/publish"))
    expect(second.status).toBe(202)
    expect(second.headers.get("location")).toBe(first.headers.get("location"))
  })

  it("allows only one running operation per offer: go-live before the publish reaches sign-off is a 409", async () => {
    const offer = freshOffer(emulator)
    await client(emulator).post(offer.path("/publish"))
    const reply = await client(emulator).post(offer.path("/golive"))
    expect(reply.status).toBe(409)
    expect(reply.json.error.code).toBe("OperationInProgress")
  })

  it("fails at the configured step with an error message", async () => {
    const offer = freshOffer(emulator, { failAtStep: "displaycertify" })
    const reply = await client(emulator).post(offer.path("/publish"))
    emulator.advance(3 * day)
    const failed = (await poll(reply)).json
    expect(failed.status).toBe("failed")
    expect(failed.steps[1].status).toBe("failed")
    expect(failed.steps[1].messages[0].level).toBe("error")
    expect(failed.messages.at(-1).level).toBe("error")
  })

  it("rejects a body that is not JSON with 400", async () => {
    const offer = freshOffer(emulator)
    const reply = await client(emulator).post(offer.path("/publish"), "{'metadata': ")
    expect(reply.status).toBe(400)
    expect(reply.json.error.code).toBe("InvalidRequestBody")
  })

  it("demands If-Match when the offer follows the concurrency page", async () => {
    const offer = freshOffer(emulator, { requireIfMatch: true })
    expect((await client(emulator).post(offer.path("/publish"))).status).toBe(400)
    expect((await client(emulator).post(offer.path("/publish"), undefined, { "if-match": "*" })).status).toBe(202)
  })

  it("answers 404 for an unknown offer", async () => {
    expect((await client(emulator).post(`/api/publishers/contoso/offers/none/publish?api-version=2017-10-31`)).status).toBe(404)
  })
})

describe("go-live", () => {
  it("starts an operation at the live step on the production slot", async () => {
    const offer = freshOffer(emulator)
    await client(emulator).post(offer.path("/publish"))
    emulator.advance(toSignoffMs)
    const reply = await client(emulator).post(offer.path("/golive"))
    expect(reply.status).toBe(202)
    const operation = (await poll(reply)).json
    expect(operation.submissionType).toBe("goLive")
    expect(operation.steps.map((s: { status: string }) => s.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
      "completed",
      "running"
    ])
    const submissions = (await client(emulator).get(offer.path("/submissions"))).json
    expect(submissions[0]).toMatchObject({ submissionType: "goLive", slot: "production" })
  })
})
