import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { client, failure, freshOffer, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ seed: 42 })
  emulator.addPublisher("contoso")
})
afterEach(() => emulator.clearFaults())
afterAll(() => emulator.close())

const offers = versioned("/api/publishers/contoso/offers")

describe("status faults", () => {
  it("429 with Retry-After in seconds, for the next N requests only", async () => {
    emulator.addFault({ route: "/api/publishers/contoso/offers", kind: "status", status: 429, retryAfter: { seconds: 5 }, times: 2 })
    const first = await client(emulator).get(offers)
    expect(first.status).toBe(429)
    expect(first.headers.get("retry-after")).toBe("5")
    expect(first.json.error.code).toBe("TooManyRequests")
    expect((await client(emulator).get(offers)).status).toBe(429)
    expect((await client(emulator).get(offers)).status).toBe(200)
  })

  it("503 with Retry-After as an HTTP-date that many seconds ahead", async () => {
    emulator.addFault({ kind: "status", status: 503, retryAfter: { date: true, seconds: 120 }, times: 1 })
    const reply = await client(emulator).get(offers)
    expect(reply.status).toBe(503)
    const date = Date.parse(reply.headers.get("retry-after")!)
    expect(date - Date.now()).toBeGreaterThan(115_000)
    expect(date - Date.now()).toBeLessThanOrEqual(120_000)
  })

  it("a 500 burst with the body quoted in azure-docs #54002, and the operation is not started", async () => {
    const offer = freshOffer(emulator)
    emulator.addFault({ route: `/api/publishers/contoso/offers/${offer.offerId}/publish`, kind: "status", status: 500, times: 3 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await client(emulator).post(offer.path("/publish"))).status)
    expect(statuses).toEqual([500, 500, 500, 202])
    const submissions = (await client(emulator).get(offer.path("/submissions"))).json
    expect(submissions).toHaveLength(1)
  })

  it("matches by method and by regular expression", async () => {
    const offer = freshOffer(emulator)
    emulator.addFault({ route: "/cancel\\?", method: "POST", kind: "status", status: 503 })
    expect((await client(emulator).get(offer.path())).status).toBe(200)
    expect((await client(emulator).post(offer.path("/cancel"))).status).toBe(503)
  })
})

describe("transport faults", () => {
  it("adds latency before answering", async () => {
    emulator.addFault({ kind: "latency", latencyMs: 150, times: 1 })
    const started = performance.now()
    expect((await client(emulator).get(offers)).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("resets the connection", async () => {
    emulator.addFault({ kind: "reset", times: 1 })
    expect(await failure(client(emulator).get(offers))).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/)
    expect((await client(emulator).get(offers)).status).toBe(200)
    const [reset] = emulator.requests().filter((entry) => entry.fault === "reset")
    expect(reset?.status).toBe(0)
  })

  it("resets the connection after the service acted: the cancel took, its answer is lost", async () => {
    const offer = freshOffer(emulator)
    const started = emulator.startOperation("contoso", offer.offerId)
    emulator.addFault({ route: `/api/publishers/contoso/offers/${offer.offerId}/cancel`, kind: "reset-after", times: 1 })
    expect(await failure(client(emulator).post(offer.path("/cancel")))).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/)
    expect(emulator.operation(started.id)?.status).toBe("canceled")
    const [lost] = emulator.requests().filter((entry) => entry.fault === "reset-after")
    expect(lost?.status).toBe(0)
  })

  it("truncates the body: the connection drops before Content-Length is reached", async () => {
    emulator.addFault({ kind: "truncate", times: 1 })
    expect(await failure(client(emulator).get(offers))).toMatch(/TypeError|terminated|UND_ERR_SOCKET/)
  })

  it("truncates empty bodies too, and the publish behind them still happens", async () => {
    const offer = freshOffer(emulator)
    emulator.addFault({ route: `/api/publishers/contoso/offers/${offer.offerId}/publish`, kind: "truncate", times: 1 })
    expect(await failure(client(emulator).post(offer.path("/publish")))).not.toBe("no error")
    expect((await client(emulator).get(offer.path("/submissions?status=running"))).json).toHaveLength(1)
  })

  it("sends a malformed JSON body with a consistent Content-Length", async () => {
    emulator.addFault({ kind: "malformed", times: 1 })
    const reply = await client(emulator).get(offers)
    expect(reply.status).toBe(200)
    expect(reply.headers.get("content-type")).toContain("application/json")
    expect(() => JSON.parse(reply.text)).toThrow(SyntaxError)
  })

  it("trickles a slow body out over the given time, intact", async () => {
    emulator.addFault({ kind: "slow-body", latencyMs: 300, times: 1 })
    const started = performance.now()
    const response = await fetch(`${emulator.url}${offers}`, { headers: { authorization: `Bearer ${emulator.issueToken()}` } })
    const headersAt = performance.now() - started
    const body = await response.json()
    const bodyAt = performance.now() - started
    expect(Array.isArray(body)).toBe(true)
    expect(bodyAt).toBeGreaterThanOrEqual(250)
    expect(headersAt).toBeLessThan(bodyAt)
  })

  it("applies to the token endpoint too", async () => {
    emulator.addPrincipal({ tenantId: "t", clientId: "c", clientSecret: "s", publishers: "*" })
    emulator.addFault({ route: "/t/oauth2", kind: "status", status: 503, times: 1 })
    const reply = await fetch(`${emulator.url}/t/oauth2/v2.0/token`, { method: "POST", body: "" })
    expect(reply.status).toBe(503)
  })
})

describe("seeded probability", () => {
  const run = async (seed: number) => {
    const seeded = await startEmulator({ seed })
    try {
      seeded.addPublisher("contoso")
      seeded.addFault({ kind: "status", status: 500, probability: 0.5 })
      const statuses = []
      for (let i = 0; i < 12; i++) statuses.push((await client(seeded).get(offers)).status)
      return statuses
    } finally {
      await seeded.close()
    }
  }

  it("fails the same requests for the same seed, and some but not all of them", async () => {
    const first = await run(7)
    expect(await run(7)).toEqual(first)
    expect(first).toContain(500)
    expect(first).toContain(200)
  })
})

describe("admin calls", () => {
  it("are never faulted, so a test can always reach the controls", async () => {
    emulator.addFault({ kind: "reset" })
    const reply = await fetch(`${emulator.url}/_emulator/clock`, { headers: { "x-emulator-admin-token": emulator.adminToken } })
    expect(reply.status).toBe(200)
  })
})
