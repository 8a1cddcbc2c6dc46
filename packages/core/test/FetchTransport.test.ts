/**
 * The fetch transport (the CLI's, over Node's built-in fetch) keeps the promises the undici one
 * keeps, over real sockets: a redirect is never followed (so the token never leaves the origin),
 * connection failures keep the codes that name them and that tell a cancel POST that never left
 * from one that did.
 */
import { assert, describe, it } from "@effect/vitest"
import { type Handler, type Hostile, startEmulator, startHostile } from "@offerops/emulator"
import { Duration, Effect, Layer, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig } from "../src/CppConfig.ts"
import { fetchTransport } from "../src/FetchTransport.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { TokenProvider } from "../src/TokenProvider.ts"

const token = "eyJhbGciOi.fetch-secret-token.sig"
const offer = new OfferRef({ publisherId: "contoso", offerId: "vm" })
const list = CppClient.use((client) => client.listSubmissions(offer))
const cancel = CppClient.use((client) => client.cancelOffer(offer))

/** CppClient over fetch; `calls` counts the fetches made (each one a connection attempt at least). */
const overFetch = (baseUrl: string) => {
  const calls = { count: 0 }
  const counting: typeof globalThis.fetch = (input, init) => {
    calls.count++
    return globalThis.fetch(input, init)
  }
  const layer = CppClient.layer.pipe(
    Layer.provide([fetchTransport, TokenProvider.static(Redacted.make(token))]),
    Layer.provide([
      cppConfig({ baseUrl, retryBase: Duration.millis(1), retryCap: Duration.millis(5) }),
      Layer.succeed(FetchHttpClient.Fetch, counting)
    ])
  )
  return { layer, calls }
}

const withHostile = <A, E, R>(handler: Handler, use: (server: Hostile) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(Effect.promise(() => startHostile(handler)), use, (server) => Effect.promise(() => server.close()))

describe("redirects", () => {
  it.live("a 302 to another origin is refused as unexpected, and the other origin is never asked", () =>
    withHostile((_, response) => response.writeHead(200, { "content-type": "application/json" }).end("[]"), (elsewhere) =>
      withHostile((_, response) => response.writeHead(302, { location: `${elsewhere.url}/steal` }).end(), (server) =>
        Effect.gen(function*() {
          const error = yield* list.pipe(Effect.provide(overFetch(server.url).layer), Effect.flip)
          assert.strictEqual(error._tag, "InvalidResponse")
          assert.include(error.message, "unexpected redirect (302)")
          assert.strictEqual(server.requests.length, 1)
          assert.deepStrictEqual(elsewhere.requests, [])
        }))))
})

describe("connection failures over fetch", () => {
  it.live("refused: named, and a cancel POST that never left is sent again", () =>
    Effect.gen(function*() {
      const server = yield* Effect.promise(() => startHostile(() => {}))
      yield* Effect.promise(() => server.close())
      const { layer, calls } = overFetch(server.url)
      const error = yield* cancel.pipe(Effect.provide(layer), Effect.flip)
      assert.strictEqual(error._tag, "Unavailable")
      if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "ConnectionRefused")
      assert.include(error.message, "connection refused")
      assert.strictEqual(calls.count, 5) // 1 try + 4 retries
    }))

  it.live("a cancel POST whose connection breaks after it was sent is not sent again", () =>
    withHostile((request) => request.socket.destroy(), (server) =>
      Effect.gen(function*() {
        const { layer, calls } = overFetch(server.url)
        const error = yield* cancel.pipe(Effect.provide(layer), Effect.flip)
        assert.strictEqual(error._tag, "Unavailable")
        assert.strictEqual(calls.count, 1)
        assert.deepStrictEqual(server.requests.map((request) => request.method), ["POST"])
      })))

  it.live("a host that does not resolve", () =>
    Effect.gen(function*() {
      const error = yield* list.pipe(Effect.provide(overFetch("https://offerops-test.invalid").layer), Effect.flip)
      assert.strictEqual(error._tag, "Unavailable")
      if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "HostNotFound")
    }))

  it.live("an untrusted TLS certificate, not retried", () =>
    Effect.acquireUseRelease(
      Effect.promise(() => startEmulator({ https: true })),
      (emulator) =>
        Effect.gen(function*() {
          const { layer, calls } = overFetch(emulator.url)
          const error = yield* list.pipe(Effect.provide(layer), Effect.flip)
          assert.strictEqual(error._tag, "Unavailable")
          if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "CertificateUntrusted")
          assert.strictEqual(calls.count, 1)
        }),
      (emulator) => Effect.promise(() => emulator.close())
    ))
})
