/**
 * `operations`, `cancel` and `watch` on Partner Center's ingestion API v1.0 (`product:`) and the
 * Product Ingestion API (`job:`, `pia:`), against the emulator: the same exit codes and JSON results
 * as for an offer, each API reached with its own token.
 */
import { graphResource, partnerCenterResource } from "@offerops/emulator"
import { describe, expect, it } from "vitest"
import { jsonOf, offeropsHere, useEmulator } from "./support.ts"

const service = useEmulator()
let count = 0

const env = () => ({
  ...service.env,
  PARTNER_CENTER_BASE_URL: `${service.emulator.url}/v1.0/ingestion`,
  PARTNER_CENTER_TOKEN: service.emulator.issueToken({ audience: partnerCenterResource, ttlSeconds: 365 * 86_400 }),
  PRODUCT_INGESTION_BASE_URL: `${service.emulator.url}/rp/product-ingestion`,
  PRODUCT_INGESTION_TOKEN: service.emulator.issueToken({ audience: graphResource, ttlSeconds: 365 * 86_400 })
})

const product = () => {
  const externalId = `cli-app-${++count}`
  const { id } = service.emulator.partnerCenter.addProduct({ externalId })
  const { submissionId } = service.emulator.partnerCenter.startSubmission(id)
  return { externalId, submissionId }
}

const job = () => {
  const externalId = `cli-saas-${++count}`
  service.emulator.productIngestion.addProduct({ externalId })
  const { jobId } = service.emulator.productIngestion.startConfigureJob(externalId)
  service.emulator.advance(2 * 60_000)
  return { externalId, jobId }
}

describe("other APIs in the CLI", () => {
  it("operations product:<offer id> shows the in-progress submission with its steps", async () => {
    const { externalId, submissionId } = product()
    const run = await offeropsHere(env(), ["operations", `product:${externalId}`, "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run)).toMatchObject({ reference: `product:${externalId}`, operations: [{ id: submissionId, state: "running" }] })
  })

  it("cancel product:<offer id> --yes deletes the submission and exits 0 with result canceled", async () => {
    const { externalId, submissionId } = product()
    const run = await offeropsHere(env(), ["cancel", `product:${externalId}`, "--yes", "--output", "json"])
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toMatchObject({ result: "canceled", reference: `product:${externalId}` })
    expect(service.emulator.partnerCenter.submission(submissionId)?.deleted).toBe(true)
  })

  it("cancel job:<jobId> --yes cancels the configure job and exits 0", async () => {
    const { jobId } = job()
    const run = await offeropsHere(env(), ["cancel", `job:${jobId}`, "--yes", "--output", "json"])
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toMatchObject({ result: "canceled", reference: `job:${jobId}`, operation: { id: jobId, state: "canceled" } })
    expect(service.emulator.productIngestion.job(jobId)?.result).toBe("cancelled")
  })

  it("a job that already completed: nothing runs, exit 6", async () => {
    const { jobId } = job()
    service.emulator.advance(24 * 60 * 60_000)
    const run = await offeropsHere(env(), ["cancel", `job:${jobId}`, "--yes"])
    expect(run.code).toBe(6)
  })

  it("an unknown product is exit 6 (not found); a token for another API is exit 4", async () => {
    expect((await offeropsHere(env(), ["cancel", "product:00000000-0000-0000-0000-000000000000", "--yes"])).code).toBe(6)
    const { externalId } = product()
    const wrong = await offeropsHere({ ...env(), PARTNER_CENTER_TOKEN: service.token }, ["cancel", `product:${externalId}`, "--yes"])
    expect(wrong.code).toBe(4)
  })

  it("a malformed reference is a usage error naming every accepted form", async () => {
    const run = await offeropsHere(env(), ["cancel", "offer:x", "--yes"])
    expect(run.code).toBe(2)
    for (const form of ["<publisherId>/<offerId>", "product:", "job:<jobId>", "pia:"]) expect(run.stderr).toContain(form)
  })

  it("watch job:<jobId> follows the job to its end", async () => {
    const { jobId } = job()
    service.emulator.advance(24 * 60 * 60_000)
    const run = await offeropsHere(env(), ["watch", `job:${jobId}`, "--output", "json"])
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toMatchObject({ result: "completed", operation: { id: jobId } })
  })
})
