import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPrincipal, type Emulator, startEmulator } from "../src/index.ts"
import { client, send } from "./support.ts"

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
})
