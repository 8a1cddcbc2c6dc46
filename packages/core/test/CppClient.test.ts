/**
 * The client against the emulator over real sockets (undici): every location and body variant the
 * docs describe, sync and async cancel followed to a confirmed end, and each typed error.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, type OfferOptions, startEmulator } from "@offerops/emulator"
import { Duration, Effect, Layer, Option, Redacted } from "effect"
import { afterAll, beforeAll } from "vitest"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig, type CppSettings } from "../src/CppConfig.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { TokenProvider } from "../src/TokenProvider.ts"
import { cancelAndConfirm } from "./CancelAndConfirm.ts"

let emulator: Emulator
let offerCount = 0

beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addPublisher("contoso")
  emulator.addPublisher("fabrikam")
})
afterAll(() => emulator.close())

const fast: Partial<CppSettings> = {
  retryBase: Duration.millis(1),
  retryCap: Duration.millis(5),
  retryAfterMin: Duration.millis(1),
  retryAfterMax: Duration.millis(50),
  pollInitial: Duration.millis(5),
  pollMax: Duration.millis(20)
}

const client = (overrides: Partial<CppSettings> = {}, token = emulator.issueToken({ publishers: ["contoso"] })) =>
  CppClient.layer.pipe(
    Layer.provide([NodeHttpClient.layerUndici, TokenProvider.static(Redacted.make(token))]),
    Layer.provideMerge(cppConfig({ baseUrl: emulator.url, ...fast, ...overrides }))
  )

/** A fresh offer of contoso with a publish running on it. */
const offerWithPublish = (options: OfferOptions = {}) => {
  const offer = new OfferRef({ publisherId: "contoso", offerId: `offer-${++offerCount}` })
  emulator.addOffer(offer.publisherId, offer.offerId, options)
  const started = emulator.startOperation(offer.publisherId, offer.offerId, "publish")
  return { offer, operationId: started.id }
}

describe("CppClient against the emulator", () => {
  it.live("lists submissions, filters running ones, and reads one operation with its steps", () =>
    Effect.gen(function*() {
      const { offer, operationId } = offerWithPublish()
      const all = yield* CppClient.use((c) => c.listSubmissions(offer))
      assert.strictEqual(all[0]?.id, operationId)
      assert.strictEqual(all[0]?.state, "running")
      const runningOnly = yield* CppClient.use((c) => c.listSubmissions(offer, { status: "running" }))
      assert.deepStrictEqual(runningOnly.map((s) => s.id), [operationId])
      const operation = yield* CppClient.use((c) => c.getOperation({ offer, operationId }))
      assert.strictEqual(operation.state, "running")
      assert.isAbove(operation.steps?.length ?? 0, 4)
      assert.isDefined(operation.currentStep)
    }).pipe(Effect.provide(client())))

  it.live("a synchronous cancel (200) is confirmed by reading the operation as canceled", () =>
    Effect.gen(function*() {
      const { offer, operationId } = offerWithPublish({ cancel: "sync" })
      const { result, outcome } = yield* cancelAndConfirm(offer)
      assert.strictEqual(result._tag, "Canceled")
      assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
      assert.strictEqual(emulator.operation(operationId)?.status.toLowerCase(), "canceled")
      const cancelRequest = emulator.requests().find((r) => r.method === "POST" && r.path.includes(`${offer.offerId}/cancel`))
      assert.include(cancelRequest?.body ?? "", "ops@contoso.com")
    }).pipe(Effect.provide(client())))

  const variants: ReadonlyArray<OfferOptions> = [
    { locationHeader: "Location", locationStyle: "migrated" },
    { locationHeader: "Location", locationStyle: "legacy" },
    { locationHeader: "Operation-Location", locationStyle: "migrated" },
    { locationHeader: "Operation-Location", locationStyle: "legacy" },
    { locationHeader: "both", locationStyle: "migrated" },
    { locationHeader: "body", locationStyle: "migrated" },
    { locationHeader: "Location", operationBody: "array" },
    { locationHeader: "Location", statusSpelling: "pascal" },
    { locationHeader: "Location", statusSpelling: "table" },
    { locationHeader: "Location", retryAfterSeconds: 1 }
  ]
  for (const variant of variants) {
    it.live(`an asynchronous cancel (202) is followed to canceled: ${JSON.stringify(variant)}`, () =>
      Effect.gen(function*() {
        const { offer } = offerWithPublish({ cancel: "async", cancelCompletesAfter: { polls: 2 }, ...variant })
        const { result, outcome } = yield* cancelAndConfirm(offer)
        assert.strictEqual(result._tag, "Accepted")
        if (result._tag === "Accepted") assert.isTrue(Option.isSome(result.location))
        assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
      }).pipe(Effect.provide(client())))
  }

  it.live("maps each failure to its typed error, with the API's code and message", () =>
    Effect.gen(function*() {
      const { offer } = offerWithPublish()
      const list = (layer: ReturnType<typeof client>, target = offer) =>
        Effect.flip(CppClient.use((c) => c.listSubmissions(target))).pipe(Effect.provide(layer))

      const badVersion = yield* list(client({ apiVersion: "1999-01-01" }))
      assert.strictEqual(badVersion._tag, "BadRequest")
      if (badVersion._tag === "BadRequest") assert.strictEqual(badVersion.code, "InvalidAPIVersion")

      assert.strictEqual((yield* list(client({}, "not-a-token")))._tag, "Unauthorized")
      assert.strictEqual((yield* list(client({}, emulator.issueToken({ publishers: ["fabrikam"] }))))._tag, "Forbidden")
      const missing = yield* list(client(), new OfferRef({ publisherId: "contoso", offerId: "nope" }))
      assert.strictEqual(missing._tag, "NotFound")
      assert.strictEqual(missing.path, "/api/publishers/contoso/offers/nope/submissions/")
    }))

  it.live("retries transient faults on reads and reports Unavailable once retries run out", () =>
    Effect.gen(function*() {
      const { offer } = offerWithPublish()
      const route = `${offer.path}/submissions`
      emulator.addFault({ route, kind: "status", status: 500, times: 2 })
      const submissions = yield* CppClient.use((c) => c.listSubmissions(offer))
      assert.strictEqual(submissions.length, 1)

      emulator.clearRequests()
      emulator.addFault({ route, kind: "status", status: 503, retryAfter: { seconds: 0 }, times: 50 })
      const error = yield* Effect.flip(CppClient.use((c) => c.listSubmissions(offer)))
      assert.strictEqual(error._tag, "Unavailable")
      assert.strictEqual(emulator.requests().filter((r) => r.path.startsWith(route)).length, 5)
      emulator.clearFaults()
    }).pipe(Effect.provide(client())))

  it.live("reports a malformed or truncated body as InvalidResponse", () =>
    Effect.gen(function*() {
      const { offer, operationId } = offerWithPublish()
      emulator.addFault({ route: `${offer.path}/operations/`, kind: "malformed", times: 1 })
      const error = yield* Effect.flip(CppClient.use((c) => c.getOperation({ offer, operationId })))
      assert.strictEqual(error._tag, "InvalidResponse")
      emulator.clearFaults()
    }).pipe(Effect.provide(client())))

  it.live("never sends the cancel twice when the connection resets after sending it", () =>
    Effect.gen(function*() {
      const { offer } = offerWithPublish({ cancel: "sync" })
      emulator.clearRequests()
      emulator.addFault({ route: `${offer.path}/cancel`, kind: "reset", times: 1 })
      const error = yield* Effect.flip(CppClient.use((c) => c.cancelOffer(offer)))
      assert.strictEqual(error._tag, "Unavailable")
      assert.strictEqual(emulator.requests().filter((r) => r.method === "POST").length <= 1, true)
      emulator.clearFaults()
    }).pipe(Effect.provide(client())))

  it.live("refuses a location that points at another host instead of sending it the token", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(CppClient.use((c) => c.getOperation("https://attacker.example/api/operations/x")))
      assert.strictEqual(error._tag, "InvalidInput")
    }).pipe(Effect.provide(client())))
})
