/**
 * The client's bounds against hostile servers over real sockets (undici): a socket that never
 * answers, endless and oversized bodies, a huge Retry-After, an error body echoing our token, and
 * the connection failures that each get their own name. Deadlines run on TestClock.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { endless, type Handler, type Hostile, startEmulator, startHostile } from "@offerops/emulator"
import { Duration, Effect, Fiber, Layer, Option, Redacted, Stream } from "effect"
import { TestClock } from "effect/testing"
import { awaitOperation } from "../src/AwaitOperation.ts"
import { cancellationProgress } from "../src/Cancellation.ts"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig, type CppSettings } from "../src/CppConfig.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { TokenProvider } from "../src/TokenProvider.ts"

const token = "eyJhbGciOi.secret-token.sig"
const offer = new OfferRef({ publisherId: "contoso", offerId: "vm" })
const operationPath = "/api/publishers/contoso/offers/vm/operations/op-1"

const clientOf = (baseUrl: string, overrides: Partial<CppSettings> = {}) =>
  CppClient.layer.pipe(
    Layer.provide([NodeHttpClient.layerUndici, TokenProvider.static(Redacted.make(token))]),
    Layer.provide(cppConfig({ baseUrl, retryBase: Duration.millis(1), retryCap: Duration.millis(5), ...overrides }))
  )

/** Runs `use` with a hostile server that is closed afterwards, whatever happens. */
const withHostile = <A, E, R>(handler: Handler, use: (server: Hostile) => Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(Effect.promise(() => startHostile(handler)), use, (server) => Effect.promise(() => server.close()))

const json = (response: import("node:http").ServerResponse, status: number, body: unknown, headers = {}) =>
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body))

describe("the wait's deadline bounds every request in it", () => {
  it.effect("a poll that never answers is aborted at the deadline: WaitTimeout with a resume token", () =>
    withHostile(() => {}, (server) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(
          awaitOperation(operationPath, { timeout: "5 seconds", offer: "contoso/vm" }).pipe(Effect.flip)
        )
        yield* Effect.promise(() => server.received())
        yield* TestClock.adjust(Duration.seconds(5))
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, "WaitTimeout")
        if (error._tag === "WaitTimeout") assert.isNotEmpty(error.resumeToken)
        // The request was aborted, not left hanging until its own 30 s timeout.
        yield* Effect.promise(() => server.hungUp())
      }).pipe(Effect.provide(clientOf(server.url)))))

  it.effect("polls answered 429 with Retry-After 999999 end at the deadline, not after the retries", () =>
    withHostile((_, response) => json(response, 429, { error: { code: "Throttled", message: "slow down" } }, { "retry-after": "999999" }), (server) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(awaitOperation(operationPath, { timeout: "10 seconds" }).pipe(Effect.flip))
        yield* Effect.promise(() => server.received())
        yield* TestClock.adjust(Duration.seconds(10))
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, "WaitTimeout")
        // The retry's sleep (clamped to 5 min) was cut by the deadline: one request only.
        assert.strictEqual(server.requests.length, 1)
      }).pipe(Effect.provide(clientOf(server.url)))))

  it.effect("a 202's Retry-After of 999999 s is clamped: the first poll comes after retryAfterMax", () =>
    withHostile((request, response) =>
      request.method === "POST"
        ? json(response, 202, {}, { location: `${operationPath}?api-version=2017-10-31`, "retry-after": "999999" })
        : json(response, 200, { id: "op-1", status: "canceled" }), (server) =>
      Effect.gen(function*() {
        const result = yield* CppClient.use((client) => client.cancelOffer(offer))
        assert.strictEqual(result._tag, "Accepted")
        if (result._tag === "Accepted") assert.deepStrictEqual(Option.map(result.retryAfter, Duration.toMillis), Option.some(30_000))
        const fiber = yield* Effect.forkChild(
          cancellationProgress(offer, result, Option.none(), { timeout: "1 hour" }).pipe(Stream.runLast)
        )
        yield* TestClock.adjust(Duration.seconds(29))
        assert.strictEqual(server.requests.length, 1)
        yield* TestClock.adjust(Duration.seconds(1))
        const final = yield* Fiber.join(fiber)
        assert.strictEqual(Option.getOrThrow(final).operation.state, "canceled")
        assert.strictEqual(server.requests.length, 2)
      }).pipe(Effect.provide(clientOf(server.url, { retryAfterMax: Duration.seconds(30) })))))
})

describe("response bodies are capped", () => {
  const limit = 64 * 1024

  it.live("an endless 200 body fails with InvalidResponse naming the limit, and is not read past it", () =>
    withHostile((_, response, wrote) => {
      response.writeHead(200, { "content-type": "application/json" })
      endless(response, wrote)
    }, (server) =>
      Effect.gen(function*() {
        const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "InvalidResponse")
        assert.include(error.message, `${limit}-byte limit`)
        yield* Effect.promise(() => server.hungUp())
        // What the kernel's socket buffers took, not the endless body.
        assert.isBelow(server.bytesWritten(), 64 * 1024 * 1024)
      }).pipe(Effect.provide(clientOf(server.url, { maxBodyBytes: limit })))))

  it.live("a body announced as 600 MB is refused without reading it", () =>
    withHostile((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(600 * 1024 * 1024) })
      response.write("[")
    }, (server) =>
      Effect.gen(function*() {
        const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "InvalidResponse")
        assert.include(error.message, "4194304-byte limit")
        yield* Effect.promise(() => server.hungUp())
      }).pipe(Effect.provide(clientOf(server.url)))))

  it.live("an endless error body is cut at the limit and the error keeps its status", () =>
    withHostile((_, response, wrote) => {
      response.writeHead(404, { "content-type": "text/plain" })
      endless(response, wrote, "nope ".repeat(1000))
    }, (server) =>
      Effect.gen(function*() {
        const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "NotFound")
        assert.isBelow(error.message.length, 600)
      }).pipe(Effect.provide(clientOf(server.url, { maxBodyBytes: limit })))))
})

describe("secrets in server text", () => {
  it.live("an error body echoing the Authorization header, raw or URL-encoded, shows no token", () =>
    withHostile((request, response) =>
      json(response, 400, {
        error: {
          code: "BadHeader",
          message: `rejected ${request.headers.authorization} (as sent: ${encodeURIComponent(request.headers.authorization ?? "")})`
        }
      }), (server) =>
      Effect.gen(function*() {
        const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "BadRequest")
        assert.notInclude(JSON.stringify(error), token)
        assert.notInclude(JSON.stringify(error), "secret-token")
        assert.include(error.message, "Bearer <redacted>")
      }).pipe(Effect.provide(clientOf(server.url)))))
})

describe("ids are path segments, never paths", () => {
  it.live("an operation id of . or .. and a location with a dot segment are refused before any request", () =>
    withHostile((_, response) => json(response, 200, { id: "op-1", status: "running" }), (server) =>
      Effect.gen(function*() {
        for (const operationId of [".", ".."]) {
          const error = yield* CppClient.use((client) => client.getOperation({ offer, operationId })).pipe(Effect.flip)
          assert.strictEqual(error._tag, "InvalidInput")
        }
        for (const location of ["/api/publishers/contoso/offers/vm/operations/..", "/api/publishers/x/%2e%2e/contoso/offers/vm"]) {
          const error = yield* CppClient.use((client) => client.getOperation(location)).pipe(Effect.flip)
          assert.strictEqual(error._tag, "InvalidInput")
        }
        assert.strictEqual(server.requests.length, 0)
      }).pipe(Effect.provide(clientOf(server.url)))))
})

describe("the bearer token goes only over https, or to loopback", () => {
  it.live("an http base URL that is not loopback is refused before any request, saying why", () =>
    Effect.gen(function*() {
      const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(
        Effect.provide(clientOf("http://cloudpartner.azure.com")),
        Effect.flip
      )
      assert.strictEqual(error._tag, "InvalidInput")
      assert.include(error.message, "not https")
      assert.include(error.message, "OFFEROPS_ALLOW_INSECURE_HTTP")
    }))

  it.live("loopback over http is fine, and so is any host once insecure http is allowed", () =>
    withHostile((_, response) => json(response, 200, []), (server) =>
      Effect.gen(function*() {
        const viaLocalhost = server.url.replace("127.0.0.1", "localhost")
        for (const layer of [clientOf(server.url), clientOf(viaLocalhost), clientOf(server.url, { allowInsecureHttp: true })]) {
          assert.deepStrictEqual(yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.provide(layer)), [])
        }
      })))
})

describe("connection failures name their cause", () => {
  it.live("connection refused", () =>
    Effect.gen(function*() {
      const server = yield* Effect.promise(() => startHostile(() => {}))
      yield* Effect.promise(() => server.close())
      const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(
        Effect.provide(clientOf(server.url)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "Unavailable")
      if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "ConnectionRefused")
      assert.include(error.message, "connection refused")
    }))

  it.live("an untrusted TLS certificate, not retried", () =>
    Effect.acquireUseRelease(
      Effect.promise(() => startEmulator({ https: true })),
      (emulator) =>
        Effect.gen(function*() {
          const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(
            Effect.provide(clientOf(emulator.url)),
            Effect.flip
          )
          assert.strictEqual(error._tag, "Unavailable")
          if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "CertificateUntrusted")
          assert.include(error.message, "not trusted")
        }),
      (emulator) => Effect.promise(() => emulator.close())
    ))

  it.live("the service answering 503 is the service's answer, with its status", () =>
    withHostile((_, response) => json(response, 503, { error: { code: "ServiceUnavailable", message: "maintenance" } }), (server) =>
      Effect.gen(function*() {
        const error = yield* CppClient.use((client) => client.listSubmissions(offer)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "Unavailable")
        if (error._tag === "Unavailable") {
          assert.strictEqual(error.status, 503)
          assert.isUndefined(error.unreachable)
        }
        assert.strictEqual(server.requests.length, 5)
      }).pipe(Effect.provide(clientOf(server.url, { retryAfterMin: Duration.millis(1) })))))
})
