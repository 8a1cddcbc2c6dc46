/**
 * Real token acquisition: `@azure/identity`'s ClientSecretCredential against the emulator's Entra
 * endpoints over https, the token used on the API and replaced once it expired — and no secret or
 * token in any error or log line along the way.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, startEmulator } from "@offerops/emulator"
import { Effect, Layer, Logger, Redacted, References } from "effect"
import * as Tls from "node:tls"
import { afterAll, beforeAll } from "vitest"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig } from "../src/CppConfig.ts"
import { clientSecretTokenLayer, credentialTokenLayer } from "../src/EntraToken.ts"
import { remedyOf } from "../src/Remedy.ts"
import { TokenProvider } from "../src/TokenProvider.ts"
import { OfferRef } from "../src/OfferRef.ts"

const tenantId = "11111111-2222-3333-4444-555555555555"
const clientId = "offerops-test-app"
const clientSecret = "s3cret-value-that-must-never-show"
const offer = new OfferRef({ publisherId: "contoso", offerId: "vm" })

let emulator: Emulator

beforeAll(async () => {
  // Four-minute tokens fall inside the five-minute refresh margin, so every call re-checks with Entra.
  emulator = await startEmulator({ https: true, tokenTtlSeconds: 240 })
  Tls.setDefaultCACertificates([...Tls.getCACertificates("default"), emulator.certificatePem!])
  emulator.addPublisher("contoso")
  emulator.addOffer("contoso", "vm")
  emulator.addPrincipal({ tenantId, clientId, clientSecret, publishers: ["contoso"] })
})
afterAll(() => emulator.close())

/** Every log line, at every level, as the text a log sink would receive. */
const captureLogs = () => {
  const lines: Array<string> = []
  const layer = Layer.mergeAll(
    Logger.layer([Logger.make((options) => lines.push(JSON.stringify(options.message)))]),
    Layer.succeed(References.MinimumLogLevel, "All")
  )
  return { lines, layer }
}

const client = (secret: string) =>
  CppClient.layer.pipe(
    Layer.provide([
      NodeHttpClient.layerUndici,
      clientSecretTokenLayer({ tenantId, clientId, clientSecret: Redacted.make(secret), authorityHost: emulator.url })
    ]),
    Layer.provideMerge(cppConfig({ baseUrl: emulator.url }))
  )

const tokenRequests = () => emulator.requests().filter((r) => r.method === "POST" && r.path.includes("/oauth2/"))

describe("Entra ID client secret", () => {
  it.live("obtains a token, uses it, and gets a new one once the old one expired", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const list = CppClient.use((c) => c.listSubmissions(offer))
      yield* list
      assert.strictEqual(tokenRequests().length, 1)
      emulator.advance(5 * 60_000) // the first token is now expired at the service
      yield* list
      assert.strictEqual(tokenRequests().length, 2)
      assert.isTrue(emulator.requests().every((r) => !JSON.stringify(r).includes(clientSecret)))
      assert.isAbove(logs.lines.length, 0)
      assert.isTrue(logs.lines.every((line) => !line.includes(clientSecret) && !line.includes("Bearer ")))
    }).pipe(Effect.provide(client(clientSecret)), Effect.provide(logs.layer))
  })

  it.live("a wrong secret is Unauthorized, with a message that does not repeat the secret", () =>
    Effect.gen(function*() {
      const wrong = "wrong-secret-value-123"
      const error = yield* Effect.flip(CppClient.use((c) => c.listSubmissions(offer)))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.include(error.message, "could not obtain a token")
      assert.notInclude(error.message, wrong)
      assert.notInclude(JSON.stringify(error), wrong)
    }).pipe(Effect.provide(client("wrong-secret-value-123"))))
})

describe("a credential chain that fails", () => {
  const failure = (layer: Layer.Layer<TokenProvider>) =>
    Effect.flip(TokenProvider.use((provider) => provider.token)).pipe(Effect.provide(layer))

  it.live("names every credential of the chain and why it could not sign in, each on a line of the advice", () =>
    Effect.gen(function*() {
      // Real credentials that cannot work here: no Azure CLI, no Azure Developer CLI on this machine.
      const { AzureCliCredential, AzureDeveloperCliCredential, ChainedTokenCredential } = yield* Effect.promise(() => import("@azure/identity"))
      const error = yield* failure(credentialTokenLayer(Effect.succeed(
        new ChainedTokenCredential(new AzureCliCredential(), new AzureDeveloperCliCredential())
      )))
      assert.strictEqual(error._tag, "Unauthorized")
      const tried = error._tag === "Unauthorized" ? error.tried ?? [] : []
      assert.isTrue(tried.some((line) => line.includes("Azure CLI")), JSON.stringify(tried))
      assert.isTrue(tried.some((line) => line.includes("Azure Developer CLI")), JSON.stringify(tried))
      const detail = remedyOf(error).detail
      assert.isTrue(detail.some((line) => line.includes("Azure CLI")) && detail.some((line) => line.includes("Azure Developer CLI")))
    }), 30_000)

  it.live("keeps every line of a credential's failure, each a line of the advice", () =>
    Effect.gen(function*() {
      const failing = {
        getToken: () =>
          Promise.reject(
            new Error("ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable.\nAuthenticationError: ClientSecretCredential: AADSTS7000215 invalid client secret")
          )
      }
      const error = yield* failure(credentialTokenLayer(Effect.succeed(failing)))
      const lines = error.message.split("\n")
      assert.include(lines[0], "ChainedTokenCredential authentication failed.")
      assert.strictEqual(lines.length, 3)
      assert.include(remedyOf(error).detail.join("\n"), "AADSTS7000215 invalid client secret")
    }))

  it.live("scrubs the secret from every line, not only the first", () =>
    Effect.gen(function*() {
      const secret = "chain-secret-value-987"
      const echoing = {
        getToken: () => Promise.reject(new Error(`ChainedTokenCredential authentication failed.\nEnvironmentCredential: fine\nClientSecretCredential: secret ${secret} was refused`))
      }
      const error = yield* failure(credentialTokenLayer(Effect.succeed(echoing), Redacted.make(secret)))
      assert.include(error.message, "ClientSecretCredential: secret")
      assert.include(error.message, "was refused")
      assert.notInclude(JSON.stringify(error), secret)
    }))
})
