/**
 * The client's main paths (list, cancel, watch) against the emulator in strict mode, where only the
 * documented surface is served and every request outside it is marked "undocumented" in the request
 * log. Each test ends by asserting the client sent nothing undocumented.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, type OfferOptions, startEmulator } from "@offerops/emulator"
import { Duration, Effect, Layer, Option, Redacted, Stream } from "effect"
import { afterAll, beforeAll } from "vitest"
import { awaitOperation, operationProgress } from "../src/AwaitOperation.ts"
import { findRunningOperation } from "../src/Cancellation.ts"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig } from "../src/CppConfig.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { TokenProvider } from "../src/TokenProvider.ts"
import { cancelAndConfirm } from "./CancelAndConfirm.ts"

let emulator: Emulator
let offerCount = 0

beforeAll(async () => {
  emulator = await startEmulator({ strict: true })
  emulator.addPublisher("contoso")
})
afterAll(() => emulator.close())

/** Tokens outlive the virtual days the watch test moves through. */
const token = () => emulator.issueToken({ publishers: ["contoso"], ttlSeconds: 30 * 24 * 3600 })

const client = () =>
  CppClient.layer.pipe(
    Layer.provide([NodeHttpClient.layerUndici, TokenProvider.static(Redacted.make(token()))]),
    Layer.provideMerge(cppConfig({
      baseUrl: emulator.url,
      retryBase: Duration.millis(1),
      retryCap: Duration.millis(5),
      pollInitial: Duration.millis(5),
      pollMax: Duration.millis(20)
    }))
  )

const offerWithPublish = (options: OfferOptions = {}) => {
  const offer = new OfferRef({ publisherId: "contoso", offerId: `strict-${++offerCount}` })
  emulator.addOffer(offer.publisherId, offer.offerId, options)
  return { offer, started: emulator.startOperation(offer.publisherId, offer.offerId, "publish") }
}

/** The requests about this offer (by path or legacy id) that strayed from the documented surface. */
const undocumented = (offer: OfferRef) =>
  emulator.requests().filter((r) => (r.path.includes(`/${offer.offerId}/`) || r.path.includes(`$${offer.offerId}$`)) && r.undocumented)

describe("the core against the emulator in strict mode", () => {
  it.live("the emulator is strict: a request off the documented surface is refused and marked", () =>
    Effect.promise(async () => {
      const { offer } = offerWithPublish()
      const reply = await fetch(`${emulator.url}${offer.path}/submissions?api-version=2017-10-31`, {
        headers: { authorization: `Bearer ${emulator.issueToken()}` }
      })
      assert.strictEqual(reply.status, 404)
      assert.lengthOf(undocumented(offer), 1)
    }))

  it.live("lists submissions, filtered by the documented status=, and finds the running one", () =>
    Effect.gen(function*() {
      const { offer, started } = offerWithPublish()
      const all = yield* CppClient.use((c) => c.listSubmissions(offer))
      assert.deepStrictEqual(all.map((s) => s.id), [started.id])
      const running = yield* findRunningOperation(offer)
      assert.strictEqual(Option.getOrThrow(running).id, started.id)
      const operation = yield* CppClient.use((c) => c.getOperation({ offer, operationId: started.id }))
      assert.strictEqual(operation.state, "running")
      assert.deepStrictEqual(undocumented(offer), [])
    }).pipe(Effect.provide(client())))

  it.live("a synchronous cancel (200), confirmed by reading the operation", () =>
    Effect.gen(function*() {
      const { offer, started } = offerWithPublish({ cancel: "sync" })
      const { result, outcome } = yield* cancelAndConfirm(offer)
      assert.strictEqual(result._tag, "Canceled")
      assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
      assert.strictEqual(emulator.operation(started.id)?.status, "canceled")
      assert.deepStrictEqual(undocumented(offer), [])
    }).pipe(Effect.provide(client())))

  it.live("a cancel without notification e-mails still sends the documented body", () =>
    Effect.gen(function*() {
      const { offer, started } = offerWithPublish({ cancel: "sync" })
      const result = yield* CppClient.use((c) => c.cancelOffer(offer))
      assert.strictEqual(result._tag, "Canceled")
      assert.strictEqual(emulator.operation(started.id)?.status, "canceled")
      assert.deepStrictEqual(undocumented(offer), [])
    }).pipe(Effect.provide(client())))

  const variants: ReadonlyArray<OfferOptions> = [
    { locationHeader: "Location", locationStyle: "migrated" },
    { locationHeader: "Location", locationStyle: "legacy" },
    { locationHeader: "Operation-Location", operationLocationForm: "absolute" },
    { locationHeader: "Operation-Location", operationLocationForm: "relative", locationStyle: "legacy" },
    { locationHeader: "both", operationLocationForm: "relative" },
    { locationHeader: "body" },
    { operationBody: "array", statusSpelling: "pascal" },
    { statusSpelling: "table", retryAfterSeconds: 1 }
  ]
  for (const variant of variants) {
    it.live(`an asynchronous cancel (202) followed to its end: ${JSON.stringify(variant)}`, () =>
      Effect.gen(function*() {
        const { offer, started } = offerWithPublish({ cancel: "async", cancelCompletesAfter: { polls: 2 }, ...variant })
        const { result, outcome } = yield* cancelAndConfirm(offer)
        assert.strictEqual(result._tag, "Accepted")
        assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
        assert.strictEqual(emulator.operation(started.id)?.status, "canceled")
        assert.deepStrictEqual(undocumented(offer), [])
      }).pipe(Effect.provide(client())))
  }

  it.live("watches a publish to its end at go-live, and the go-live to completed", () =>
    Effect.gen(function*() {
      const { offer, started } = offerWithPublish({ locationStyle: "legacy" })
      emulator.advance(3 * 24 * 3_600_000)
      const goLive = emulator.startOperation(offer.publisherId, offer.offerId, "golive")
      const published = yield* awaitOperation(`${emulator.url}${started.location}`, { timeout: "10 seconds" })
      assert.strictEqual(published.state, "completed")
      emulator.advance(3 * 24 * 3_600_000)
      const snapshots = yield* Stream.runCollect(operationProgress(goLive.location, { timeout: "10 seconds" }))
      assert.strictEqual(snapshots.at(-1)?.operation.state, "completed")
      assert.deepStrictEqual(undocumented(offer), [])
    }).pipe(Effect.provide(client())))
})
