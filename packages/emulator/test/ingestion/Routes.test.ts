import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Emulator, type IngestionVariants, startEmulator } from "../../src/index.ts"
import { day, partnerCenterClient } from "../support.ts"

let emulator: Emulator
let defaults: IngestionVariants
beforeAll(async () => {
  emulator = await startEmulator()
  defaults = emulator.partnerCenter.variants()
})
afterEach(() => {
  emulator.setStrict(false)
  emulator.partnerCenter.setVariants(defaults)
})
afterAll(() => emulator.close())

let counter = 0
/** A fresh product (and, by default, a submission in progress on it) per test. */
const freshProduct = (options: { account?: string; submit?: boolean } = {}) => {
  const offerId = `app-${++counter}`
  const { id } = emulator.partnerCenter.addProduct({ externalId: offerId, ...(options.account ? { account: options.account } : {}) })
  const submissionId = options.submit === false ? undefined : emulator.partnerCenter.startSubmission(id).submissionId
  return { offerId, productId: id, submissionId: submissionId!, path: (rest = "") => `/products/${id}${rest}` }
}

/** Validation 10 min, certification 2 days, preview creation 12 h: then it waits at publisher sign-off. */
const toSignoffMs = 10 * 60_000 + 2 * day + 12 * 3_600_000

describe("products", () => {
  it("finds a product by its offer id in every spelling of the ExternalIDs filter clients use", async () => {
    const { offerId, productId } = freshProduct({ submit: false })
    const filters = [
      `ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${offerId}')`,
      `externalIDs/any(x:x/type eq 'AzureOfferId' and x/value eq '${offerId}')`,
      `resourceType eq 'AzureApplication' and ExternalIds/Any(i:i/Type eq 'AzureOfferID' and i/Value eq '${offerId}')`
    ]
    for (const filter of filters) {
      const reply = await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(filter)}`)
      expect(reply.status, filter).toBe(200)
      expect(reply.json.value.map((p: { id: string }) => p.id), filter).toEqual([productId])
    }
    const other = `ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${offerId.toUpperCase()}')`
    expect((await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(other)}`)).json.value).toEqual([])
  })

  it("reads or-alternatives, parentheses and quotes doubled inside values", async () => {
    const quoted = `o'neil-${++counter}`
    const { id } = emulator.partnerCenter.addProduct({ externalId: quoted, resourceType: "AzureDynamics365BusinessCentral" })
    const value = quoted.replace("'", "''")
    const filter = `(ResourceType eq 'AzureContainer' or resourceType eq 'AzureDynamics365BusinessCentral') and ` +
      `ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${value}')`
    const reply = await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(filter)}`)
    expect(reply.json.value.map((p: { id: string }) => p.id)).toEqual([id])
    const narrower = `ResourceType eq 'AzureContainer' and ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${value}')`
    expect((await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(narrower)}`)).json.value).toEqual([])
  })

  it("answers a hostile filter (long runs of spaces, deep parentheses) with 400, at once", async () => {
    const spaces = `resourceType eq 'AzureApplication'${" ".repeat(1500)}and${" ".repeat(1500)}x`
    const deep = `${"(".repeat(1200)}resourceType eq 'AzureApplication'${")".repeat(1200)}`
    for (const filter of [spaces, deep]) {
      const reply = await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(filter)}`)
      expect(reply.status).toBe(400)
      expect(reply.json).toMatch(/Invalid \$filter/)
    }
    const nested = `((resourceType eq 'AzureApplication'))`
    expect((await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent(nested)}`)).status).toBe(200)
  })

  it("answers a filter it cannot read with 400 and a string body", async () => {
    const reply = await partnerCenterClient(emulator).get(`/products?$filter=${encodeURIComponent("name ne 'x'")}`)
    expect(reply.status).toBe(400)
    expect(typeof reply.json).toBe("string")
    expect(reply.json).toMatch(/Invalid \$filter/)
  })

  it("reads one product with its external ids, in either key", async () => {
    const { offerId, productId, path } = freshProduct({ submit: false })
    const reply = await partnerCenterClient(emulator).get(path())
    expect(reply.json).toMatchObject({ id: productId, resourceType: "AzureApplication", externalIds: [{ type: "AzureOfferId", value: offerId }] })
    emulator.partnerCenter.setVariants({ externalIdsKey: "externalIDs" })
    expect((await partnerCenterClient(emulator).get(path())).json.externalIDs).toEqual([{ type: "AzureOfferId", value: offerId }])
  })

  it("404 for an unknown product, 403 for a product of an account the token cannot see (and it is not listed)", async () => {
    expect((await partnerCenterClient(emulator).get("/products/no-such-product")).status).toBe(404)
    const { path, offerId } = freshProduct({ account: "fabrikam", submit: false })
    const token = emulator.issueToken({ audience: "https://api.partner.microsoft.com", publishers: ["contoso"] })
    const reply = await partnerCenterClient(emulator, token).get(path("/submissions"))
    expect(reply.status).toBe(403)
    const filter = encodeURIComponent(`ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${offerId}')`)
    expect((await partnerCenterClient(emulator, token).get(`/products?$filter=${filter}`)).json.value).toEqual([])
  })
})

describe("paging", () => {
  const collect = async (first: string, key: string) => {
    const pages: Array<ReadonlyArray<unknown>> = []
    let next: string | undefined = first
    while (next !== undefined && pages.length < 20) {
      const reply = await partnerCenterClient(emulator).get(next)
      expect(reply.status).toBe(200)
      pages.push(reply.json.value)
      const link: string | undefined = reply.json[key]
      next = link === undefined ? undefined : /^https?:/.test(link) ? link : `/${link}`
    }
    return pages
  }

  it("pages products with an absolute @odata.nextLink until the last page, which has none", async () => {
    for (let i = 0; i < 3; i++) freshProduct({ submit: false })
    emulator.partnerCenter.setVariants({ pageSize: 2 })
    const filter = `$filter=${encodeURIComponent("resourceType eq 'AzureApplication'")}`
    const all = await partnerCenterClient(emulator).get(`/products?${filter}`)
    expect(all.json["@odata.nextLink"]).toMatch(new RegExp(`^${emulator.url}/v1\\.0/ingestion/products\\?\\$filter=.*&\\$skipToken=`))
    const pages = await collect("/products", "@odata.nextLink")
    expect(pages.length).toBeGreaterThanOrEqual(2)
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true)
    const ids = pages.flat().map((p) => (p as { id: string }).id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("spells the link nextLink or nextlink and makes it relative to the base URL, behind variants", async () => {
    const product = freshProduct({ submit: false })
    emulator.partnerCenter.startSubmission(product.productId, { isAutoPromote: true, startedAgoMs: 30 * day })
    emulator.partnerCenter.startSubmission(product.productId)
    emulator.partnerCenter.setVariants({ pageSize: 1, nextLinkKey: "nextlink", nextLinkForm: "relative" })
    const first = await partnerCenterClient(emulator).get(product.path("/submissions"))
    expect(first.json["@odata.nextLink"]).toBeUndefined()
    expect(first.json.nextlink).toMatch(new RegExp(`^products/${product.productId}/submissions\\?\\$skipToken=`))
    const pages = await collect(product.path("/submissions"), "nextlink")
    expect(pages.map((p) => p.length)).toEqual([1, 1])
    emulator.partnerCenter.setVariants({ nextLinkKey: "nextLink" })
    expect((await partnerCenterClient(emulator).get(product.path("/submissions"))).json.nextLink).toMatch(/^products\//)
  })

  it("refuses a skip token it did not issue", async () => {
    expect((await partnerCenterClient(emulator).get("/products?$skipToken=bogus")).status).toBe(400)
  })
})

describe("submissions", () => {
  it("lists a product's submissions newest first, filtered on state", async () => {
    const product = freshProduct({ submit: false })
    const first = emulator.partnerCenter.startSubmission(product.productId, { isAutoPromote: true, startedAgoMs: 30 * day })
    const second = emulator.partnerCenter.startSubmission(product.productId)
    const all = await partnerCenterClient(emulator).get(product.path("/submissions"))
    expect(all.json.value.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([
      [second.submissionId, "InProgress"],
      [first.submissionId, "Published"]
    ])
    const inProgress = await partnerCenterClient(emulator).get(product.path(`/submissions?$filter=${encodeURIComponent("state eq 'InProgress'")}`))
    expect(inProgress.json.value.map((s: { id: string }) => s.id)).toEqual([second.submissionId])
    const published = await partnerCenterClient(emulator).get(product.path("/submissions?state=Published"))
    expect(published.json.value.map((s: { id: string }) => s.id)).toEqual([first.submissionId])
    expect(published.json.value[0]).toMatchObject({ substate: "InStore", targets: [{ type: "Scope", value: "Live" }] })
  })

  it("pages a product's submissions", async () => {
    const product = freshProduct({ submit: false })
    emulator.partnerCenter.startSubmission(product.productId, { isAutoPromote: true, startedAgoMs: 30 * day })
    emulator.partnerCenter.startSubmission(product.productId)
    emulator.partnerCenter.setVariants({ pageSize: 1 })
    const first = await partnerCenterClient(emulator).get(product.path("/submissions"))
    expect(first.json.value).toHaveLength(1)
    const second = await partnerCenterClient(emulator).get(first.json["@odata.nextLink"])
    expect(second.json.value).toHaveLength(1)
    expect(second.json["@odata.nextLink"]).toBeUndefined()
    expect(second.json.value[0].id).not.toBe(first.json.value[0].id)
  })

  it("walks the substates over virtual time: Submitted, ReadyToPublish, promote, Publishing, then Published InStore", async () => {
    const { path, submissionId } = freshProduct()
    const read = async () => (await partnerCenterClient(emulator).get(path(`/submissions/${submissionId}`))).json
    expect(await read()).toMatchObject({
      resourceType: "Submission",
      id: submissionId,
      state: "InProgress",
      substate: "Submitted",
      targets: [{ type: "Scope", value: "Preview" }],
      publishedTimeInUtc: "1601-01-01T00:00:00Z",
      pendingUpdateInfo: { updateType: "Create", status: "Running" }
    })
    expect((await read()).publishOption).toBeUndefined()
    expect((await partnerCenterClient(emulator).get(path(`/submissions/${submissionId}?$expand=PublishOption`))).json.publishOption)
      .toMatchObject({ isManualPublish: true, isAutoPromote: false })
    const early = await partnerCenterClient(emulator).post(path(`/submissions/${submissionId}/promote`))
    expect(early.status).toBe(409)
    emulator.advance(toSignoffMs)
    expect((await read()).substate).toBe("ReadyToPublish")
    const promoted = await partnerCenterClient(emulator).post(path(`/submissions/${submissionId}/promote`))
    expect(promoted.status).toBe(200)
    expect(promoted.json).toMatchObject({ type: "Push", targetEnvironment: "Live", state: "InProgress" })
    expect(await read()).toMatchObject({ state: "InProgress", substate: "Publishing", targets: [{ value: "Live" }] })
    emulator.advance(3 * day)
    const done = await read()
    expect(done).toMatchObject({ state: "Published", substate: "InStore", pendingUpdateInfo: { status: "Completed" } })
    expect(done.publishedTimeInUtc).not.toBe("1601-01-01T00:00:00Z")
  })

  it("shows the workflow steps as they run, as a paged collection or a bare array", async () => {
    const { path, submissionId } = freshProduct()
    emulator.advance(60 * 60_000)
    const reply = await partnerCenterClient(emulator).get(path(`/submissions/${submissionId}/workflowdetails`))
    expect(reply.status).toBe(200)
    const [preview] = reply.json.value
    expect(preview).toMatchObject({ type: "Push", state: "InProgress", targetEnvironment: "Preview" })
    expect(preview.workflowSteps.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual([
      ["Automated validation", "Completed"],
      ["Certification", "InProgress"],
      ["Preview Creation", "NotStarted"],
      ["Publisher Signoff", "NotStarted"]
    ])
    expect(preview.workflowSteps[2].startDateTimeInUtc).toBe("0001-01-01T00:00:00")
    emulator.partnerCenter.setVariants({ workflowDetails: "array" })
    const bare = await partnerCenterClient(emulator).get(path(`/submissions/${submissionId}/workflowdetails`))
    expect(Array.isArray(bare.json)).toBe(true)
    expect(bare.json[0].targetEnvironment).toBe("Preview")
  })

  it("serves validations and certification reports", async () => {
    const product = freshProduct({ submit: false })
    const { submissionId } = emulator.partnerCenter.startSubmission(product.productId, { failInCertification: true })
    emulator.advance(3 * day)
    const submission = await partnerCenterClient(emulator).get(product.path(`/submissions/${submissionId}`))
    expect(submission.json).toMatchObject({ state: "InProgress", substate: "FailedInCertification" })
    const validations = await partnerCenterClient(emulator).get(product.path(`/submissions/${submissionId}/validations`))
    expect(validations.json.value[0]).toMatchObject({ severity: "Error" })
    const reports = await partnerCenterClient(emulator).get(product.path(`/submissions/${submissionId}/reports`))
    expect(reports.json.value[0]).toMatchObject({ status: "Failed" })
  })
})

describe("DELETE (Cancel publish)", () => {
  it("204 while in progress; then the submission is gone and the product can submit again", async () => {
    const { path, submissionId, productId } = freshProduct()
    const reply = await partnerCenterClient(emulator).delete(path(`/submissions/${submissionId}`))
    expect(reply.status).toBe(204)
    expect(reply.text).toBe("")
    expect((await partnerCenterClient(emulator).get(path(`/submissions/${submissionId}`))).status).toBe(404)
    expect((await partnerCenterClient(emulator).get(path("/submissions"))).json.value).toEqual([])
    expect(emulator.partnerCenter.submission(submissionId)).toMatchObject({ deleted: true })
    expect(() => emulator.partnerCenter.startSubmission(productId)).not.toThrow()
  })

  it("still 204 while it waits at sign-off, or after it failed certification", async () => {
    const waiting = freshProduct()
    emulator.advance(toSignoffMs)
    expect((await partnerCenterClient(emulator).delete(waiting.path(`/submissions/${waiting.submissionId}`))).status).toBe(204)
    const failed = freshProduct({ submit: false })
    const { submissionId } = emulator.partnerCenter.startSubmission(failed.productId, { failInCertification: true })
    emulator.advance(3 * day)
    expect(emulator.partnerCenter.submission(submissionId)?.substate).toBe("FailedInCertification")
    expect((await partnerCenterClient(emulator).delete(failed.path(`/submissions/${submissionId}`))).status).toBe(204)
  })

  it("409 with a string body once promoted; 400 with ProblemDetails behind the variants", async () => {
    const { path, submissionId } = freshProduct()
    emulator.advance(toSignoffMs)
    expect((await partnerCenterClient(emulator).post(path(`/submissions/${submissionId}/promote`))).status).toBe(200)
    const refused = await partnerCenterClient(emulator).delete(path(`/submissions/${submissionId}`))
    expect(refused.status).toBe(409)
    expect(refused.json).toMatch(/promoted and is publishing/)
    emulator.partnerCenter.setVariants({ deleteRefusal: 400, errorBody: "problemDetails" })
    const problem = await partnerCenterClient(emulator).delete(path(`/submissions/${submissionId}`))
    expect(problem.status).toBe(400)
    expect(problem.headers.get("content-type")).toMatch(/^application\/problem\+json/)
    expect(problem.json).toMatchObject({ status: 400, title: "Bad Request", type: expect.stringContaining("rfc9110") })
    expect(problem.json.detail).toMatch(/promoted/)
    expect(emulator.partnerCenter.submission(submissionId)).toMatchObject({ deleted: false, substate: "Publishing" })
  })

  it("refuses a published submission", async () => {
    const product = freshProduct({ submit: false })
    const { submissionId } = emulator.partnerCenter.startSubmission(product.productId, { isAutoPromote: true, startedAgoMs: 30 * day })
    const refused = await partnerCenterClient(emulator).delete(product.path(`/submissions/${submissionId}`))
    expect(refused.status).toBe(409)
    expect(refused.json).toMatch(/already published/)
  })

  it("404 for a submission of another product", async () => {
    const a = freshProduct()
    const b = freshProduct()
    expect((await partnerCenterClient(emulator).delete(a.path(`/submissions/${b.submissionId}`))).status).toBe(404)
  })
})

describe("the June 2026 x-ms-publisherId requirement (variant)", () => {
  it("400 with a ProblemDetails body naming the header, then served with it", async () => {
    const { path } = freshProduct({ submit: false })
    emulator.partnerCenter.setVariants({ requirePublisherIdHeader: true })
    const refused = await partnerCenterClient(emulator).get(path())
    expect(refused.status).toBe(400)
    expect(refused.json).toMatchObject({ title: "One or more validation errors occurred.", status: 400 })
    expect(refused.json.errors["x-ms-publisherId"]).toHaveLength(1)
    expect((await partnerCenterClient(emulator).get(path(), { "x-ms-publisherId": "0" })).status).toBe(400)
    expect((await partnerCenterClient(emulator).get(path(), { "x-ms-publisherId": "12345" })).status).toBe(200)
  })
})
