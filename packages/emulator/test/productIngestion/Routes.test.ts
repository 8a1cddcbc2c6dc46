import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, type ProductIngestionVariants, startEmulator } from "../../src/index.ts"
import { productIngestionClient } from "../support.ts"

let emulator: Emulator
let defaults: ProductIngestionVariants
beforeAll(async () => {
  emulator = await startEmulator()
  defaults = emulator.productIngestion.variants()
})
afterEach(() => {
  emulator.setStrict(false)
  emulator.productIngestion.setVariants(defaults)
})
afterAll(() => emulator.close())

const v = "$version=2022-03-01-preview2"
const minute = 60_000

let counter = 0
const freshProduct = (account?: string) => {
  const externalId = `saas-${++counter}`
  const { id } = emulator.productIngestion.addProduct({ externalId, ...(account === undefined ? {} : { account }) })
  return { externalId, id, guid: id.slice("product/".length) }
}

const configureBody = (productId: string, targetType = "preview") => ({
  $schema: "https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2",
  resources: [
    { $schema: "https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2", product: productId, target: { targetType } }
  ]
})

const status = async (jobId: string) => (await productIngestionClient(emulator).get(`/configure/${jobId}/status?${v}`)).json

describe("products and submissions", () => {
  it("finds a product by external id and reads value[0].id, with or without $version", async () => {
    const { externalId, id } = freshProduct()
    for (const query of [`externalId=${externalId}&${v}`, `externalId=${externalId}`]) {
      const reply = await productIngestionClient(emulator).get(`/product?${query}`)
      expect(reply.status).toBe(200)
      expect(reply.json.value).toHaveLength(1)
      expect(reply.json.value[0]).toMatchObject({ id, identity: { externalId }, $schema: expect.stringContaining("/product/2022-03-01-preview2") })
    }
    expect((await productIngestionClient(emulator).get(`/product?externalId=nothing-${counter}&${v}`)).json.value).toEqual([])
  })

  it("lists a product's submissions: none until a job publishes, then running, then completed", async () => {
    const { id, guid } = freshProduct()
    emulator.productIngestion.addCompletedSubmission(id, "live", 30 * 24 * 60 * minute)
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    const read = async (path = `/submission/${guid}?${v}`) => (await productIngestionClient(emulator).get(path)).json.value
    expect(await read()).toHaveLength(1)
    expect((await read())[0]).toMatchObject({ id: `submission/${guid}/1`, product: id, target: { targetType: "live" }, status: "completed", result: "succeeded" })
    emulator.advance(31 * minute)
    expect(emulator.productIngestion.job(jobId)).toMatchObject({ status: "running", phase: "publishing" })
    const [newest] = await read()
    expect(newest).toMatchObject({ id: `submission/${guid}/2`, target: { targetType: "preview" }, status: "running", result: "pending" })
    expect(newest.jobId).toBeUndefined()
    expect(await read(`/submission/product/${guid}?${v}&targetType=preview`)).toHaveLength(1)
    emulator.advance(10 * minute + 2 * 24 * 60 * minute)
    expect((await read())[0]).toMatchObject({ status: "completed", result: "succeeded" })
  })

  it("404 for an unknown product, 403 for another account's", async () => {
    expect((await productIngestionClient(emulator).get(`/submission/00000000-0000-0000-0000-00000000dead?${v}`)).status).toBe(404)
    const known = freshProduct()
    expect((await productIngestionClient(emulator).get(`/submission/${known.externalId}?${v}`)).status).toBe(404)
    const { guid, externalId } = freshProduct("fabrikam")
    const token = emulator.issueToken({ audience: "https://graph.microsoft.com", publishers: ["contoso"] })
    const reply = await productIngestionClient(emulator, token).get(`/submission/${guid}?${v}`)
    expect(reply.status).toBe(403)
    expect(reply.json).toEqual({ error: { code: "forbidden", message: expect.any(String), details: [] } })
    expect((await productIngestionClient(emulator, token).get(`/product?externalId=${externalId}&${v}`)).json.value).toEqual([])
  })
})

describe("configure jobs", () => {
  it("POST configure answers 202 with a configure-status carrying the job id; the status follows the job", async () => {
    const { id } = freshProduct()
    const reply = await productIngestionClient(emulator).post(`/configure?${v}`, configureBody(id))
    expect(reply.status).toBe(202)
    expect(reply.json).toMatchObject({
      $schema: "https://schema.mp.microsoft.com/schema/configure-status/2022-03-01-preview2",
      jobStatus: "notStarted",
      jobResult: "pending",
      jobEnd: "0001-01-01T00:00:00",
      errors: []
    })
    const jobId: string = reply.json.jobId
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/)
    emulator.advance(2 * minute)
    expect(await status(jobId)).toMatchObject({ jobId, jobStatus: "running", jobResult: "pending" })
    const early = await productIngestionClient(emulator).get(`/configure/${jobId}?${v}`)
    expect(early.status).toBe(400)
    expect(early.json.error.details[0].code).toBe("invalidState")
    emulator.advance(40 * minute)
    const done = await status(jobId)
    expect(done).toMatchObject({ jobStatus: "completed", jobResult: "succeeded", resourceUri: expect.stringContaining(`/configure/${jobId}`) })
    expect(done.jobEnd).not.toBe("0001-01-01T00:00:00")
    const detail = await productIngestionClient(emulator).get(`/configure/${jobId}?${v}`)
    expect(detail.status).toBe(200)
    expect(detail.json.resources).toEqual(configureBody(id).resources)
  })

  it("spells the id jobID behind a variant", async () => {
    const { id } = freshProduct()
    emulator.productIngestion.setVariants({ jobIdKey: "jobID" })
    const reply = await productIngestionClient(emulator).post(`/configure?${v}`, configureBody(id))
    expect(reply.json.jobId).toBeUndefined()
    expect((await status(reply.json.jobID)).jobID).toBe(reply.json.jobID)
  })

  it("a job naming an unknown product runs and fails with notFound", async () => {
    const reply = await productIngestionClient(emulator).post(`/configure?${v}`, configureBody("product/00000000-0000-0000-0000-0000000000aa"))
    expect(reply.status).toBe(202)
    emulator.advance(31 * minute)
    expect(await status(reply.json.jobId)).toMatchObject({ jobStatus: "completed", jobResult: "failed", errors: [{ code: "notFound" }] })
  })

  it("names the product by external id too, and refuses one of an account the token cannot see (403)", async () => {
    const { externalId, id } = freshProduct("fabrikam")
    const body = { ...configureBody(id), resources: [{ ...configureBody(id).resources[0], product: { externalId } }] }
    const token = emulator.issueToken({ audience: "https://graph.microsoft.com", publishers: ["contoso"] })
    const refused = await productIngestionClient(emulator, token).post(`/configure?${v}`, body)
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe("forbidden")
    const accepted = await productIngestionClient(emulator).post(`/configure?${v}`, body)
    expect(accepted.status).toBe(202)
    expect(emulator.productIngestion.job(accepted.json.jobId)?.productId).toBe(id)
  })

  it("refuses a second job on a product while one runs (409, productLocked)", async () => {
    const { id } = freshProduct()
    expect((await productIngestionClient(emulator).post(`/configure?${v}`, configureBody(id))).status).toBe(202)
    const second = await productIngestionClient(emulator).post(`/configure?${v}`, configureBody(id))
    expect(second.status).toBe(409)
    expect(second.json.error).toMatchObject({ code: "conflict", details: [{ code: "productLocked" }] })
  })

  it("404 for an unknown job", async () => {
    const reply = await productIngestionClient(emulator).get(`/configure/00000000-0000-0000-0000-000000000000/status?${v}`)
    expect(reply.status).toBe(404)
    expect(reply.json.error.code).toBe("notFound")
  })

  it("sends Retry-After on the status of a running job behind a variant, never on a completed one", async () => {
    const { id } = freshProduct()
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    emulator.productIngestion.setVariants({ statusRetryAfterSeconds: 60 })
    expect((await productIngestionClient(emulator).get(`/configure/${jobId}/status?${v}`)).headers.get("retry-after")).toBe("60")
    emulator.advance(24 * 60 * minute)
    expect((await productIngestionClient(emulator).get(`/configure/${jobId}/status?${v}`)).headers.get("retry-after")).toBeNull()
  })
})

describe("cancel", () => {
  it("a running job: 200 with completed / cancelled; its submission never appears", async () => {
    const { id, guid } = freshProduct()
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    emulator.advance(5 * minute)
    const reply = await productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ jobId, jobStatus: "completed", jobResult: "cancelled" })
    expect(reply.json.errors[0].details[0].code).toBe("operationCanceled")
    expect(await status(jobId)).toMatchObject({ jobStatus: "completed", jobResult: "cancelled" })
    emulator.advance(24 * 60 * minute)
    expect((await productIngestionClient(emulator).get(`/submission/${guid}?${v}`)).json.value).toEqual([])
  })

  it("settles after some status polls and answers 202 behind variants", async () => {
    const { id } = freshProduct()
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    emulator.productIngestion.setVariants({ cancelSettlesAfterPolls: 2, cancelStatus: 202 })
    const reply = await productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    expect(reply.status).toBe(202)
    expect(reply.json).toMatchObject({ jobStatus: "notStarted", jobResult: "pending" })
    const polls = [await status(jobId), await status(jobId), await status(jobId)].map((s) => `${s.jobStatus}/${s.jobResult}`)
    expect(polls).toEqual(["notStarted/pending", "notStarted/pending", "completed/cancelled"])
  })

  it("a completed job: 400 with the documented body", async () => {
    const { id } = freshProduct()
    const { jobId } = emulator.productIngestion.startConfigureJob(id, { target: "none" })
    emulator.advance(60 * minute)
    const reply = await productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({ error: { code: "badRequest", message: "Cannot cancel job, job has already completed.", details: [] } })
    expect(emulator.productIngestion.job(jobId)).toMatchObject({ result: "succeeded" })
  })

  it("refuses a job far enough along (publishing to preview) with 400 invalidState, and it completes", async () => {
    const { id } = freshProduct()
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    emulator.advance(35 * minute)
    const reply = await productIngestionClient(emulator).post(`/configure/${jobId}/cancel?${v}`)
    expect(reply.status).toBe(400)
    expect(reply.json.error).toMatchObject({ code: "badRequest", details: [{ code: "invalidState" }] })
    emulator.advance(10 * minute)
    expect(await status(jobId)).toMatchObject({ jobStatus: "completed", jobResult: "succeeded" })
  })

  it("403 for a job on another account's product", async () => {
    const { id } = freshProduct("fabrikam")
    const { jobId } = emulator.productIngestion.startConfigureJob(id)
    const token = emulator.issueToken({ audience: "https://graph.microsoft.com", publishers: ["contoso"] })
    expect((await productIngestionClient(emulator, token).post(`/configure/${jobId}/cancel?${v}`)).status).toBe(403)
    expect(emulator.productIngestion.job(jobId)?.cancelRequested).toBe(false)
  })
})
