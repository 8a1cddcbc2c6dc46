import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPartnerCenter, demoPrincipal, demoProductIngestion, type Emulator, startEmulator } from "../src/index.ts"
import { apiClient, client, send } from "./support.ts"

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ demo: true })
})
afterAll(() => emulator.close())

describe("demo world", () => {
  it("lets the demo principal cancel the running publish asynchronously, ending after two polls", async () => {
    const tokenReply = await send(`${emulator.url}/${demoPrincipal.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: demoPrincipal.clientId,
        client_secret: demoPrincipal.clientSecret,
        scope: "https://cloudpartner.azure.com/.default"
      }).toString()
    })
    const api = client(emulator, tokenReply.json.access_token)
    const offers = (await api.get("/api/publishers/contoso/offers?api-version=2017-10-31")).json
    expect(offers.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      ["contoso-vm", "running"],
      ["contoso-saas", "neverPublished"]
    ])
    const cancel = await api.post("/api/publishers/contoso/offers/contoso-vm/cancel?api-version=2017-10-31")
    expect(cancel.status).toBe(202)
    const states = []
    for (let i = 0; i < 3; i++) states.push((await api.get(cancel.headers.get("location")!)).json.status)
    expect(states).toEqual(["running", "running", "completed"])
    const [submission] = (await api.get("/api/publishers/contoso/offers/contoso-vm/submissions?api-version=2017-10-31")).json
    expect(submission.submissionState).toBe("canceled")
  })

  it("gives the demo principal no access to other publishers", async () => {
    emulator.addPublisher("fabrikam")
    const tokenReply = await send(`${emulator.url}/${demoPrincipal.tenantId}/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: demoPrincipal.clientId,
        client_secret: demoPrincipal.clientSecret,
        resource: "https://cloudpartner.azure.com"
      }).toString()
    })
    expect((await client(emulator, tokenReply.json.access_token).get("/api/publishers/fabrikam/offers?api-version=2017-10-31")).status).toBe(403)
  })

  const principalToken = async (scope: string) =>
    (await send(`${emulator.url}/${demoPrincipal.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: demoPrincipal.clientId,
        client_secret: demoPrincipal.clientSecret,
        scope
      }).toString()
    })).json.access_token as string

  it("has a Partner Center Azure Application with a submission in certification, which the principal can cancel", async () => {
    const api = apiClient(emulator, "/v1.0/ingestion", await principalToken("https://api.partner.microsoft.com/.default"))
    const filter = encodeURIComponent(`ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${demoPartnerCenter.offerId}')`)
    const [product] = (await api.get(`/products?$filter=${filter}`)).json.value
    expect(product).toMatchObject({ id: demoPartnerCenter.productId, resourceType: "AzureApplication" })
    const submissions = (await api.get(`/products/${product.id}/submissions`)).json.value
    expect(submissions.map((s: { id: string; state: string; substate: string }) => [s.id, s.state, s.substate])).toEqual([
      [demoPartnerCenter.submissionId, "InProgress", "Submitted"],
      [demoPartnerCenter.publishedSubmissionId, "Published", "InStore"]
    ])
    const [workflow] = (await api.get(`/products/${product.id}/submissions/${demoPartnerCenter.submissionId}/workflowdetails`)).json.value
    expect(workflow.workflowSteps.find((s: { state: string }) => s.state === "InProgress").name).toBe("Certification")
    expect((await api.delete(`/products/${product.id}/submissions/${demoPartnerCenter.submissionId}`)).status).toBe(204)
  })

  it("has a Product Ingestion SaaS product with a configure job running, which the principal can cancel by its id", async () => {
    const api = apiClient(emulator, "/rp/product-ingestion", await principalToken("https://graph.microsoft.com/.default"))
    const v = "$version=2022-03-01-preview2"
    expect((await api.get(`/product?externalId=${demoProductIngestion.externalId}&${v}`)).json.value[0].id).toBe(demoProductIngestion.productId)
    const guid = demoProductIngestion.productId.slice("product/".length)
    const [live] = (await api.get(`/submission/${guid}?${v}`)).json.value
    expect(live).toMatchObject({ target: { targetType: "live" }, status: "completed", result: "succeeded" })
    expect((await api.get(`/configure/${demoProductIngestion.jobId}/status?${v}`)).json).toMatchObject({ jobStatus: "running" })
    // Still cancellable two virtual days later (a fresh token: the first one has expired by then).
    emulator.advance(2 * 24 * 3_600_000)
    const later = apiClient(emulator, "/rp/product-ingestion", await principalToken("https://graph.microsoft.com/.default"))
    const cancel = await later.post(`/configure/${demoProductIngestion.jobId}/cancel?${v}`)
    expect(cancel.json).toMatchObject({ jobId: demoProductIngestion.jobId, jobStatus: "completed", jobResult: "cancelled" })
  })
})
