/**
 * A token per API: without a static token each API gets its own Entra token (the emulator's token
 * endpoint checks the scope and stamps the audience; each of its APIs refuses the others'), a static
 * token per API for people who have one, and no token ever leaves its API's origin — a v1.0 token
 * never reaches the Graph host, not even through a next-page link that points there.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, startEmulator, startHostile } from "@offerops/emulator"
import { ConfigProvider, Effect, Layer } from "effect"
import * as Tls from "node:tls"
import { afterAll, beforeAll } from "vitest"
import { whatRuns } from "../src/CancelReference.ts"
import { backendsFromEnv } from "../src/Live.ts"
import { Reference } from "../src/Reference.ts"

const tenantId = "11111111-2222-3333-4444-555555555555"
const clientId = "offerops-test-app"
const clientSecret = "s3cret-value-that-must-never-show"

let emulator: Emulator
let graphHost: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ https: true })
  // Plain http on loopback: a second self-signed certificate of the same name would not verify beside the first.
  graphHost = await startEmulator()
  Tls.setDefaultCACertificates([...Tls.getCACertificates("default"), emulator.certificatePem!])
  emulator.addPrincipal({ tenantId, clientId, clientSecret, publishers: ["contoso"] })
})
afterAll(() => Promise.all([emulator.close(), graphHost.close()]))

const withEnv = (env: Record<string, string>) =>
  backendsFromEnv(NodeHttpClient.layerUndici).pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env }))))

const entra = {
  AZURE_TENANT_ID: tenantId,
  AZURE_CLIENT_ID: clientId,
  AZURE_CLIENT_SECRET: clientSecret
}

const tokenScopes = () =>
  emulator.requests()
    .filter((request) => request.method === "POST" && request.path.includes("/oauth2/"))
    .map((request) => new URLSearchParams(request.body).get("scope"))

describe("a token per API", () => {
  it.live("each API gets an Entra token for its own audience from the same credential chain", () =>
    Effect.gen(function*() {
      emulator.clearRequests()
      const { id } = emulator.partnerCenter.addProduct({ externalId: "entra-app" })
      const { submissionId } = emulator.partnerCenter.startSubmission(id)
      emulator.productIngestion.addProduct({ externalId: "entra-saas" })
      const { jobId } = emulator.productIngestion.startConfigureJob("entra-saas")
      const submissions = yield* whatRuns(Reference.cases.Product.make({ id: "entra-app" }))
      const jobs = yield* whatRuns(Reference.cases.Job.make({ jobId }))
      assert.deepStrictEqual(submissions.map((r) => r.operation.id), [submissionId])
      assert.deepStrictEqual(jobs.map((r) => r.operation.id), [jobId])
      assert.sameMembers(tokenScopes(), ["https://api.partner.microsoft.com/.default", "https://graph.microsoft.com/.default"])
    }).pipe(Effect.provide(withEnv({
      ...entra,
      AZURE_AUTHORITY_HOST: emulator.url,
      CPP_BASE_URL: emulator.url,
      PARTNER_CENTER_BASE_URL: `${emulator.url}/v1.0/ingestion`,
      PRODUCT_INGESTION_BASE_URL: `${emulator.url}/rp/product-ingestion`
    }))))

  it.live("a static token per API goes to its own host only: the v1.0 token never reaches the Graph host", () =>
    Effect.gen(function*() {
      emulator.clearRequests()
      graphHost.clearRequests()
      graphHost.productIngestion.addProduct({ externalId: "static-saas" })
      const { jobId } = graphHost.productIngestion.startConfigureJob("static-saas")
      const { id } = emulator.partnerCenter.addProduct({ externalId: "static-app" })
      emulator.partnerCenter.startSubmission(id)
      yield* whatRuns(Reference.cases.Product.make({ id: "static-app" }))
      yield* whatRuns(Reference.cases.Job.make({ jobId }))
      // Each host answered every request: a token of the wrong audience would have been a 401.
      assert.isNotEmpty(graphHost.requests())
      assert.isTrue(graphHost.requests().every((request) => request.status < 400), JSON.stringify(graphHost.requests()))
      assert.isTrue(emulator.requests().every((request) => request.status < 400))
      assert.isTrue(graphHost.requests().every((request) => request.path.startsWith("/rp/product-ingestion/")))
    }).pipe(Effect.provide(withEnv({
      CPP_BASE_URL: emulator.url,
      CPP_TOKEN: emulator.issueToken(),
      PARTNER_CENTER_BASE_URL: `${emulator.url}/v1.0/ingestion`,
      PARTNER_CENTER_TOKEN: emulator.issueToken({ audience: "https://api.partner.microsoft.com" }),
      PRODUCT_INGESTION_BASE_URL: `${graphHost.url}/rp/product-ingestion`,
      PRODUCT_INGESTION_TOKEN: graphHost.issueToken({ audience: "https://graph.microsoft.com" })
    }))))

  it.live("a next-page link to another host is refused before the token is sent there", () =>
    Effect.gen(function*() {
      const elsewhere = yield* Effect.promise(() => startHostile((_request, response) => response.end("{}")))
      const partnerCenter = yield* Effect.promise(() =>
        startHostile((_request, response) => {
          response.setHeader("content-type", "application/json")
          response.end(JSON.stringify({ value: [{ id: "app-x" }], "@odata.nextLink": `${elsewhere.url}/v1.0/ingestion/products?$skipToken=2` }))
        })
      )
      const error = yield* Effect.flip(
        whatRuns(Reference.cases.Product.make({ id: "app-x" })).pipe(Effect.provide(withEnv({
          PARTNER_CENTER_BASE_URL: `${partnerCenter.url}/v1.0/ingestion`,
          PARTNER_CENTER_TOKEN: "v1-token-for-partner-center",
          PRODUCT_INGESTION_TOKEN: "graph-token",
          CPP_TOKEN: "cpp-token"
        })))
      )
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.include(error.message, "outside")
      assert.lengthOf(elsewhere.requests, 0)
      assert.deepStrictEqual(partnerCenter.requests.map((r) => r.authorization), ["Bearer v1-token-for-partner-center"])
    }))
})
