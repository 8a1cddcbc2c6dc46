import * as Http from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { send, versioned } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const admin = (method: string, path: string, body?: unknown) =>
  send(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json", "x-emulator-admin-token": emulator.adminToken },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })

describe("admin API", () => {
  it("drives a whole scenario from outside the process", async () => {
    expect((await admin("POST", "/publishers", { publisherId: "woodgrove" })).status).toBe(204)
    expect((await admin("POST", "/offers", { publisherId: "woodgrove", offerId: "vm", options: { cancel: "async" } })).status).toBe(204)
    expect((await admin("PATCH", "/offers", { publisherId: "woodgrove", offerId: "vm", options: { statusSpelling: "pascal" } })).status).toBe(204)
    expect((await admin("POST", "/principals", { tenantId: "t", clientId: "c", clientSecret: "s", publishers: ["woodgrove"] })).status).toBe(204)

    const { token } = (await admin("POST", "/tokens", { publishers: ["woodgrove"], ttlSeconds: 60 })).json
    const started = (await admin("POST", "/operations", { publisherId: "woodgrove", offerId: "vm", kind: "publish" })).json
    expect(started).toEqual({ id: expect.any(String), location: expect.stringContaining("/operations/") })

    const poll = await send(`${emulator.url}${started.location}`, { headers: { authorization: `Bearer ${token}` } })
    expect(poll.json.status).toBe("Running")

    const before = (await admin("GET", "/clock")).json.now
    const advanced = (await admin("POST", "/clock/advance", { ms: 3_600_000 })).json.now
    expect(advanced - before).toBeGreaterThanOrEqual(3_600_000)
    expect((await admin("GET", `/operations/${started.id}`)).json).toMatchObject({
      id: started.id,
      kind: "publish",
      status: "running",
      steps: expect.arrayContaining([{ id: "displaycertify", status: "running", progressPercentage: expect.any(Number) }])
    })
  })

  it("configures how an asynchronous cancel ends, and refuses an unknown outcome", async () => {
    expect((await admin("POST", "/offers", { publisherId: "woodgrove", offerId: "stubborn", options: { cancel: "async", cancelOutcome: "failed" } })).status).toBe(204)
    const started = (await admin("POST", "/operations", { publisherId: "woodgrove", offerId: "stubborn" })).json
    const cancel = await send(`${emulator.url}${versioned("/api/publishers/woodgrove/offers/stubborn/cancel")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.issueToken()}` }
    })
    expect(cancel.status).toBe(202)
    await admin("POST", "/clock/advance", { ms: 2 * 60_000 })
    expect((await admin("GET", `/operations/${started.id}`)).json).toMatchObject({ status: "running", cancelRequested: false })

    const refused = await admin("PATCH", "/offers", { publisherId: "woodgrove", offerId: "stubborn", options: { cancelOutcome: "maybe" } })
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe("InvalidAdminRequest")
  })

  it("injects and clears faults", async () => {
    emulator.addOffer("woodgrove", "faulty")
    const token = emulator.issueToken()
    const url = `${emulator.url}${versioned("/api/publishers/woodgrove/offers")}`
    expect((await admin("POST", "/faults", { kind: "status", status: 429, retryAfter: { seconds: 1 } })).status).toBe(204)
    expect((await send(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(429)
    expect((await admin("DELETE", "/faults")).status).toBe(204)
    expect((await send(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  })

  it("reads and clears the request log, with Authorization redacted", async () => {
    await admin("DELETE", "/requests")
    const token = emulator.issueToken()
    await send(`${emulator.url}${versioned("/api/publishers")}`, { headers: { authorization: `Bearer ${token}`, "if-match": "*" } })
    const log = (await admin("GET", "/requests")).json
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      method: "GET",
      path: "/api/publishers?api-version=2017-10-31",
      status: 200,
      body: "",
      virtualTime: expect.any(Number),
      realTime: expect.any(Number)
    })
    expect(log[0].headers.authorization).toBe("Bearer [redacted]")
    expect(log[0].headers["if-match"]).toBe("*")
    expect(JSON.stringify(log)).not.toContain(token)
  })

  it("answers 400 for invalid input and 404 for an unknown operation", async () => {
    const invalid = await admin("POST", "/offers", { publisherId: "woodgrove" })
    expect(invalid.status).toBe(400)
    expect(invalid.json.error.code).toBe("InvalidAdminRequest")
    expect((await admin("POST", "/faults", { kind: "explode" })).status).toBe(400)
    expect((await admin("POST", "/clock/advance", { ms: -5 })).status).toBe(400)
    expect((await admin("POST", "/operations", { publisherId: "woodgrove", offerId: "none" })).status).toBe(400)
    expect((await admin("GET", "/operations/nope")).status).toBe(404)
  })

  it("is not itself logged", async () => {
    emulator.clearRequests()
    await admin("GET", "/clock")
    expect(emulator.requests()).toEqual([])
  })

  it("drives Partner Center's two APIs: products, a submission, a configure job, variants, tokens per audience", async () => {
    const { id } = (await admin("POST", "/partner-center/products", { externalId: "admin-app", account: "contoso" })).json
    const started = (await admin("POST", "/partner-center/submissions", { product: "admin-app", startedAgoMs: 3_600_000 })).json
    expect(started).toEqual({ productId: id, submissionId: expect.stringMatching(/^\d{19}$/) })
    expect((await admin("POST", "/partner-center/submissions", { product: id })).json.error.message).toMatch(/already in progress/)
    expect((await admin("GET", `/partner-center/submissions/${started.submissionId}`)).json).toMatchObject({
      state: "InProgress",
      substate: "Submitted",
      deleted: false
    })
    expect((await admin("GET", "/partner-center/submissions/1")).status).toBe(404)
    expect((await admin("PATCH", "/partner-center/variants", { pageSize: 1, errorBody: "problemDetails" })).json).toMatchObject({ pageSize: 1 })
    expect((await admin("PATCH", "/partner-center/variants", { pageSize: 0 })).status).toBe(400)
    const { token } = (await admin("POST", "/tokens", { audience: "https://api.partner.microsoft.com" })).json
    const missing = await send(`${emulator.url}/v1.0/ingestion/products/nope`, { headers: { authorization: `Bearer ${token}` } })
    expect(missing.json).toMatchObject({ status: 404 })

    const pia = (await admin("POST", "/product-ingestion/products", { externalId: "admin-saas" })).json
    expect(pia.id).toMatch(/^product\/[0-9a-f-]{36}$/)
    const job = (await admin("POST", "/product-ingestion/jobs", { product: "admin-saas", jobId: "job-from-admin" })).json
    expect(job).toEqual({ jobId: "job-from-admin", productId: pia.id })
    expect((await admin("GET", "/product-ingestion/jobs/job-from-admin")).json).toMatchObject({ status: "notStarted", phase: "queued" })
    expect((await admin("GET", "/product-ingestion/jobs/unknown")).status).toBe(404)
    expect((await admin("PATCH", "/product-ingestion/variants", { jobIdKey: "jobID" })).json.jobIdKey).toBe("jobID")
    expect((await admin("POST", "/product-ingestion/jobs", { product: "nothing-such" })).status).toBe(400)
    expect((await admin("POST", "/tokens", { audience: "https://example.com" })).status).toBe(400)
  })

  it("takes the new fault kinds", async () => {
    expect((await admin("POST", "/faults", { kind: "hang", route: "/never", times: 1 })).status).toBe(204)
    expect((await admin("POST", "/faults", { kind: "huge-body", bytes: 1024, route: "/never" })).status).toBe(204)
    expect((await admin("POST", "/faults", { kind: "huge-body", bytes: -1 })).status).toBe(400)
    expect((await admin("DELETE", "/faults")).status).toBe(204)
  })
})

describe("#23 the admin gate", () => {
  /** A raw request, so the test can send any Host header a browser could be tricked into. */
  const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(`${emulator.url}/_emulator${path}`)
      const request = Http.request({ host: "127.0.0.1", port: url.port, path: url.pathname, method, headers }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.on("error", reject)
      request.end(body)
    })
  const host = () => `127.0.0.1:${new URL(emulator.url).port}`
  const token = () => ({ "x-emulator-admin-token": emulator.adminToken })

  it("refuses a cross-site text/plain POST, even with the token", async () => {
    const body = JSON.stringify({ publishers: ["contoso"], ttlSeconds: 60 })
    expect(await raw("POST", "/tokens", { host: host(), "content-type": "text/plain", ...token() }, body)).toBe(415)
    expect(await raw("POST", "/tokens", { host: host(), "content-type": "application/json", ...token() }, body)).toBe(200)
  })

  it("refuses another Host (DNS rebinding), even with the token", async () => {
    expect(await raw("GET", "/requests", { host: "evil.example:80", ...token() })).toBe(421)
    expect(await raw("GET", "/requests", { host: `localhost:${new URL(emulator.url).port}`, ...token() })).toBe(200)
  })

  it("refuses a request without this run's token, or with another", async () => {
    expect(await raw("GET", "/requests", { host: host() })).toBe(401)
    expect(await raw("GET", "/requests", { host: host(), "x-emulator-admin-token": "guess" })).toBe(401)
    expect(await raw("POST", "/faults", { host: host(), "content-type": "application/json" }, JSON.stringify({ kind: "reset" }))).toBe(401)
  })

  it("gates every path under /_emulator, known or not", async () => {
    expect(await raw("GET", "/a-new-api-folder/x", { host: host() })).toBe(401)
  })
})
