/** The emulator's faults on Partner Center's two APIs: throttling, server errors, lost answers, hangs, huge bodies. */
import * as Http from "node:http"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, startEmulator } from "../src/index.ts"
import { failure, partnerCenterClient, productIngestionClient } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.clearFaults())
afterAll(() => emulator.close())

const v = "$version=2022-03-01-preview2"
let counter = 0
const submission = () => {
  const { id } = emulator.partnerCenter.addProduct({ externalId: `faulty-${++counter}` })
  const { submissionId } = emulator.partnerCenter.startSubmission(id)
  return { productId: id, submissionId, path: `/products/${id}/submissions/${submissionId}` }
}
const job = () => {
  const { id } = emulator.productIngestion.addProduct({ externalId: `faulty-saas-${++counter}` })
  return emulator.productIngestion.startConfigureJob(id)
}

describe("status faults", () => {
  it("429 with Retry-After on v1.0, then served", async () => {
    const { path } = submission()
    emulator.addFault({ route: "/v1.0/ingestion/products", kind: "status", status: 429, retryAfter: { seconds: 7 }, times: 1 })
    const throttled = await partnerCenterClient(emulator).get(path)
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get("retry-after")).toBe("7")
    expect((await partnerCenterClient(emulator).get(path)).status).toBe(200)
  })

  it("429 with an HTTP-date Retry-After and 500 on the Product Ingestion API, the job untouched", async () => {
    const { jobId } = job()
    emulator.addFault({ route: "/rp/product-ingestion/configure", method: "POST", kind: "status", status: 429, retryAfter: { date: true, seconds: 60 }, times: 1 })
    emulator.addFault({ route: "/rp/product-ingestion/configure", method: "POST", kind: "status", status: 500, times: 1 })
    const cancel = () => productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    const throttled = await cancel()
    expect(throttled.status).toBe(429)
    expect(Date.parse(throttled.headers.get("retry-after")!) - Date.now()).toBeGreaterThan(55_000)
    expect((await cancel()).status).toBe(500)
    expect(emulator.productIngestion.job(jobId)?.cancelRequested).toBe(false)
    expect((await cancel()).json.jobResult).toBe("cancelled")
  })
})

describe("lost answers", () => {
  it("reset-after on DELETE: the submission is deleted, the answer lost; a second DELETE gets 404", async () => {
    const { path, submissionId } = submission()
    emulator.addFault({ route: path, method: "DELETE", kind: "reset-after", times: 1 })
    expect(await failure(partnerCenterClient(emulator).delete(path))).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/)
    expect(emulator.partnerCenter.submission(submissionId)?.deleted).toBe(true)
    expect((await partnerCenterClient(emulator).delete(path)).status).toBe(404)
    expect(emulator.requests().filter((r) => r.method === "DELETE" && r.path === `/v1.0/ingestion${path}`).map((r) => r.status)).toEqual([0, 404])
  })

  it("reset-after on cancel: the job is cancelled, the answer lost; a second cancel gets the documented 400", async () => {
    const { jobId } = job()
    emulator.addFault({ route: `/rp/product-ingestion/configure/${jobId}/cancel`, kind: "reset-after", times: 1 })
    const cancel = () => productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    expect(await failure(cancel())).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/)
    expect(emulator.productIngestion.job(jobId)).toMatchObject({ status: "completed", result: "cancelled" })
    const again = await cancel()
    expect(again.status).toBe(400)
    expect(again.json.error.message).toBe("Cannot cancel job, job has already completed.")
  })
})

describe("hostile transport", () => {
  it("hang: the request is logged and never answered; the client's own bound ends it", async () => {
    const { path } = submission()
    emulator.addFault({ route: path, kind: "hang", times: 1 })
    const token = emulator.issueToken({ audience: "https://api.partner.microsoft.com" })
    const started = performance.now()
    const outcome = await fetch(`${emulator.url}/v1.0/ingestion${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(500)
    }).then((r) => `answered ${r.status}`, (error: Error) => error.name)
    expect(outcome).toBe("TimeoutError")
    expect(performance.now() - started).toBeGreaterThanOrEqual(450)
    expect(emulator.requests().filter((r) => r.fault === "hang").map((r) => [r.path, r.status])).toEqual([[`/v1.0/ingestion${path}`, 0]])
    expect((await partnerCenterClient(emulator).get(path)).status).toBe(200)
  }, 10_000)

  it("hang: closing the emulator ends a request it still holds", async () => {
    const other = await startEmulator()
    other.addFault({ kind: "hang" })
    const pending = fetch(`${other.url}/rp/product-ingestion/product?${v}`).then(() => "answered", () => "failed")
    while (other.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    await other.close()
    expect(await pending).toBe("failed")
  }, 10_000)

  it("huge-body: the service acts, then sends megabytes without Content-Length", async () => {
    const { path, submissionId } = submission()
    emulator.addFault({ route: path, method: "DELETE", kind: "huge-body", bytes: 5 * 1024 * 1024, times: 1 })
    const token = emulator.issueToken({ audience: "https://api.partner.microsoft.com" })
    const { status, headers, bytes } = await new Promise<{ status: number; headers: Http.IncomingHttpHeaders; bytes: number }>(
      (resolve, reject) => {
        const request = Http.request(`${emulator.url}/v1.0/ingestion${path}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }, (response) => {
          let bytes = 0
          response.on("data", (chunk: Buffer) => (bytes += chunk.length))
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes }))
          response.on("error", reject)
        })
        request.on("error", reject)
        request.end()
      }
    )
    expect(status).toBe(200)
    expect(headers["content-length"]).toBeUndefined()
    expect(bytes).toBeGreaterThanOrEqual(5 * 1024 * 1024)
    expect(bytes).toBeLessThan(5 * 1024 * 1024 + 128 * 1024)
    expect(emulator.partnerCenter.submission(submissionId)?.deleted).toBe(true)
  }, 20_000)
})
