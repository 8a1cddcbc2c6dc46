/**
 * A cancel whose answer is lost, against the emulator over real sockets: the request log shows how
 * many cancels reached the service, and the operation shows what they did.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { buildConnector } from "@effect/platform-node/Undici"
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, type FaultRule, type OfferOptions, startEmulator } from "@offerops/emulator"
import { Duration, Effect, Layer, Redacted } from "effect"
import { afterAll, afterEach, beforeAll } from "vitest"
import { awaitCancellation } from "../src/Cancellation.ts"
import { cancelEvidence, maxCancelRequests, requestCancel as requestCancelOrNot } from "../src/CancelRequest.ts"
import type { CancelResult } from "../src/CppClient.ts"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig, type CppSettings } from "../src/CppConfig.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { Operation } from "../src/Operation.ts"
import { remedyOf } from "../src/Remedy.ts"
import { TokenProvider } from "../src/TokenProvider.ts"

let emulator: Emulator
let offerCount = 0

beforeAll(async () => {
  emulator = await startEmulator()
  emulator.addPublisher("contoso")
})
afterEach(() => emulator.clearFaults())
afterAll(() => emulator.close())

const fast: Partial<CppSettings> = {
  retryBase: Duration.millis(1),
  retryCap: Duration.millis(5),
  pollInitial: Duration.millis(5),
  pollMax: Duration.millis(20)
}

const client = (overrides: Partial<CppSettings> = {}) =>
  CppClient.layer.pipe(
    Layer.provide([NodeHttpClient.layerUndici, TokenProvider.static(Redacted.make(emulator.issueToken()))]),
    Layer.provideMerge(cppConfig({ baseUrl: emulator.url, ...fast, ...overrides }))
  )

/** A fresh offer with a publish running, and a fault on its cancel. */
const offerWithFault = (fault: Omit<FaultRule, "route"> | undefined, options: OfferOptions = {}) => {
  const offer = new OfferRef({ publisherId: "contoso", offerId: `lost-${++offerCount}` })
  emulator.addOffer(offer.publisherId, offer.offerId, options)
  const operationId = emulator.startOperation(offer.publisherId, offer.offerId, "publish").id
  if (fault !== undefined) emulator.addFault({ route: `${offer.path}/cancel`, method: "POST", ...fault })
  const cancelPosts = () => emulator.requests().filter((r) => r.method === "POST" && r.path.startsWith(`${offer.path}/cancel`))
  return { offer, operationId, cancelPosts }
}

/** The cancel as these tests expect it: sent (the confirmed operation still runs). */
const requestCancel = (...args: Parameters<typeof requestCancelOrNot>) =>
  Effect.flatMap(requestCancelOrNot(...args), (result): Effect.Effect<CancelResult> =>
    result._tag === "NotSent" ? Effect.die(`nothing was sent: ${result.outcome._tag}`) : Effect.succeed(result))

describe("requestCancel of an operation that is no longer the one running", () => {
  /** A go-live A, confirmed, that completes; then, when `next`, a publish B starts. */
  const swapped = (next: boolean) => {
    const offer = new OfferRef({ publisherId: "contoso", offerId: `swap-${++offerCount}` })
    emulator.addOffer(offer.publisherId, offer.offerId, { stepDurationsMs: { live: 1_000 } })
    const confirmed = emulator.startOperation(offer.publisherId, offer.offerId, "golive").id
    emulator.advance(60_000)
    const running = next ? emulator.startOperation(offer.publisherId, offer.offerId, "publish").id : undefined
    const cancelPosts = () => emulator.requests().filter((r) => r.method === "POST" && r.path.startsWith(`${offer.path}/cancel`))
    return { offer, confirmed, running, cancelPosts }
  }

  it.live("A ended and B runs: nothing is sent, and the outcome names B", () =>
    Effect.gen(function*() {
      const { offer, confirmed, running, cancelPosts } = swapped(true)
      const result = yield* requestCancelOrNot(offer, confirmed)
      assert.strictEqual(result._tag, "NotSent")
      if (result._tag !== "NotSent" || result.outcome._tag !== "OperationChanged") return assert.fail(JSON.stringify(result))
      assert.strictEqual(result.outcome.operationId, confirmed)
      assert.strictEqual(result.outcome.running?.id, running)
      assert.strictEqual(cancelPosts().length, 0)
      assert.strictEqual(emulator.operation(running!)?.status, "running")
    }).pipe(Effect.provide(client())))

  it.live("A ended and nothing runs: nothing is sent, and A ended first", () =>
    Effect.gen(function*() {
      const { offer, confirmed, cancelPosts } = swapped(false)
      const result = yield* requestCancelOrNot(offer, confirmed)
      if (result._tag !== "NotSent" || result.outcome._tag !== "EndedFirst") return assert.fail(JSON.stringify(result))
      assert.strictEqual(result.outcome.operation.state, "completed")
      assert.strictEqual(cancelPosts().length, 0)
    }).pipe(Effect.provide(client())))
})

describe("a cancel that reached another operation than the one confirmed", () => {
  it.live("says the cancel stopped B, not the confirmed A that had ended", () =>
    Effect.gen(function*() {
      const offer = new OfferRef({ publisherId: "contoso", offerId: `instead-${++offerCount}` })
      emulator.addOffer(offer.publisherId, offer.offerId, { stepDurationsMs: { live: 1_000 } })
      const a = emulator.startOperation(offer.publisherId, offer.offerId, "golive").id
      emulator.addFault({ route: `${offer.path}/cancel`, method: "POST", kind: "latency", latencyMs: 1_000, times: 1 })
      // After the re-read just before the POST (the list), and while the POST is held back: A ends, B starts.
      let b = ""
      const lists = () => emulator.requests().filter((r) => r.method === "GET" && r.path.startsWith(`${offer.path}/submissions`)).length
      const swap = setInterval(() => {
        if (lists() === 0) return
        clearInterval(swap)
        emulator.advance(60_000)
        b = emulator.startOperation(offer.publisherId, offer.offerId, "publish").id
      }, 2)
      const result = yield* requestCancel(offer, a).pipe(Effect.ensuring(Effect.sync(() => clearInterval(swap))))
      assert.strictEqual(emulator.operation(b)?.status, "canceled")
      const outcome = yield* awaitCancellation(offer, result, a, { timeout: "10 seconds" })
      if (outcome._tag !== "OperationChanged") return assert.fail(JSON.stringify(outcome))
      assert.strictEqual(outcome.operation?.id, a)
      assert.strictEqual(outcome.canceledInstead?.id, b)
    }).pipe(Effect.provide(client())))
})

describe("requestCancel when the cancel provably never left", () => {
  // The network's edge we cannot reach from a test: no route to the host for every connection after
  // the first (the re-read of what runs), as a router would answer. No keep-alive, so the POST connects.
  const noRouteAfterFirst = () => {
    const connect = buildConnector({})
    let connections = 0
    return NodeHttpClient.layerUndiciOptions({
      pipelining: 0,
      connect: (options, callback) => {
        if (++connections === 1) return connect(options, callback)
        callback(Object.assign(new Error(`connect EHOSTUNREACH ${options.hostname}`), { code: "EHOSTUNREACH" }), null)
      }
    })
  }

  it.live("says nothing was sent, and never asks the service whether it took", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault(undefined)
      emulator.clearRequests()
      const error = yield* Effect.flip(requestCancel(offer, operationId))
      assert.strictEqual(error._tag, "Unavailable")
      if (error._tag !== "Unavailable") return
      assert.strictEqual(error.sent, false)
      assert.strictEqual(error.method, "POST")
      assert.strictEqual(cancelPosts().length, 0)
      assert.strictEqual(emulator.operation(operationId)?.status, "running")
      assert.include(remedyOf(error).what, "nothing was sent")
    }).pipe(Effect.provide(
      CppClient.layer.pipe(
        Layer.provide([noRouteAfterFirst(), TokenProvider.static(Redacted.make(emulator.issueToken()))]),
        Layer.provideMerge(cppConfig({ baseUrl: emulator.url, ...fast, retries: 1 }))
      )
    )))
})

describe("requestCancel when the cancel's answer is lost", () => {
  it.live("the cancel took (sync): one POST, and the story goes on to canceled", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "reset-after", times: 1 })
      const result = yield* requestCancel(offer, operationId)
      assert.strictEqual(result._tag, "AnswerLost")
      if (result._tag === "AnswerLost") assert.strictEqual(result.operation.state, "canceled")
      const outcome = yield* awaitCancellation(offer, result, operationId, { timeout: "10 seconds" })
      assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
      assert.deepStrictEqual(cancelPosts().map((r) => r.fault), ["reset-after"])
    }).pipe(Effect.provide(client())))

  it.live("the cancel is under way (async): no second POST; the operation is followed to canceled", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "reset-after", times: 1 }, {
        cancel: "async",
        cancelCompletesAfter: { ms: 60_000 }
      })
      const result = yield* requestCancel(offer, operationId)
      assert.strictEqual(result._tag, "AnswerLost")
      if (result._tag === "AnswerLost") {
        assert.strictEqual(result.operation.state, "running")
        assert.strictEqual(result.operation.cancellationRequestState, "cancelRequested")
      }
      emulator.advance(60_000)
      const outcome = yield* awaitCancellation(offer, result, operationId, { timeout: "10 seconds" })
      assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.state : outcome._tag, "canceled")
      assert.strictEqual(cancelPosts().length, 1)
    }).pipe(Effect.provide(client())))

  it.live("a POST that times out after the service acted is reconciled the same way", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "slow-body", latencyMs: 3_000, times: 1 })
      const result = yield* requestCancel(offer, operationId)
      assert.strictEqual(result._tag, "AnswerLost")
      assert.strictEqual(cancelPosts().length, 1)
      assert.strictEqual(emulator.operation(operationId)?.status, "canceled")
    }).pipe(Effect.provide(client({ requestTimeout: Duration.millis(300) }))))

  it.live("the cancel never reached the service: it is sent again, and the second one cancels", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "reset", times: 1 })
      const result = yield* requestCancel(offer, operationId)
      assert.strictEqual(result._tag, "Canceled")
      assert.deepStrictEqual(cancelPosts().map((r) => r.fault), ["reset", undefined])
      assert.strictEqual(emulator.operation(operationId)?.status, "canceled")
    }).pipe(Effect.provide(client())))

  it.live(`sends at most ${maxCancelRequests} cancels, then says it cannot tell`, () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "reset" })
      const error = yield* Effect.flip(requestCancel(offer, operationId))
      assert.strictEqual(error._tag, "CancelUnconfirmed")
      assert.include(error.message, "may or may not have been taken")
      assert.strictEqual(cancelPosts().length, maxCancelRequests)
      assert.strictEqual(emulator.operation(operationId)?.status, "running")
    }).pipe(Effect.provide(client())))

  it.live("when the operation cannot be read either, fails with CancelUnconfirmed and does not cancel again", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "reset-after", times: 1 })
      emulator.addFault({ route: `${offer.path}/operations/`, method: "GET", kind: "status", status: 500 })
      const error = yield* Effect.flip(requestCancel(offer, operationId))
      assert.strictEqual(error._tag, "CancelUnconfirmed")
      if (error._tag === "CancelUnconfirmed") {
        assert.strictEqual(error.offer, offer.toString())
        assert.strictEqual(error.operationId, operationId)
        assert.include(error.message, "reading the operation failed")
      }
      assert.strictEqual(cancelPosts().length, 1)
    }).pipe(Effect.provide(client())))

  it.live("a cancel that provably never left (connection refused) is reported as such, not as unconfirmed", () =>
    Effect.gen(function*() {
      const offer = new OfferRef({ publisherId: "contoso", offerId: "nowhere" })
      const error = yield* Effect.flip(requestCancel(offer, "op-1"))
      assert.strictEqual(error._tag, "Unavailable")
      if (error._tag === "Unavailable") assert.strictEqual(error.unreachable, "ConnectionRefused")
    }).pipe(Effect.provide(client({ baseUrl: "http://127.0.0.1:1", retries: 0 }))))

  it.live("a cancel the service answers with an error is that error, with nothing read or repeated", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault({ kind: "status", status: 500, times: 1 })
      const error = yield* Effect.flip(requestCancel(offer, operationId))
      assert.strictEqual(error._tag, "Unavailable")
      assert.strictEqual(cancelPosts().length, 1)
      assert.isFalse(emulator.requests().some((r) => r.path.startsWith(`${offer.path}/operations/`)))
    }).pipe(Effect.provide(client())))
})

describe("requestCancel for a cancel attempted before", () => {
  it.live("sends nothing when the earlier attempt took", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault(undefined, { cancel: "async", cancelCompletesAfter: { ms: 60_000 } })
      assert.strictEqual((yield* requestCancel(offer, operationId))._tag, "Accepted")
      const again = yield* requestCancel(offer, operationId, { attemptedBefore: true })
      assert.strictEqual(again._tag, "AnswerLost")
      assert.strictEqual(cancelPosts().length, 1)
    }).pipe(Effect.provide(client())))

  it.live("sends the cancel when the earlier attempt never reached the service", () =>
    Effect.gen(function*() {
      const { offer, operationId, cancelPosts } = offerWithFault(undefined)
      assert.strictEqual((yield* requestCancel(offer, operationId, { attemptedBefore: true }))._tag, "Canceled")
      assert.strictEqual(cancelPosts().length, 1)
      assert.strictEqual(emulator.operation(operationId)?.status, "canceled")
    }).pipe(Effect.provide(client())))
})

describe("cancelEvidence", () => {
  const evidence = (status: string, cancellationRequestState?: string) =>
    cancelEvidence(new Operation({ status, cancellationRequestState }))._tag

  it("reads a cancel as taken when the operation is canceled, being cancelled, or already over", () => {
    assert.strictEqual(evidence("Cancelled", "cannotCancel"), "Taken")
    assert.strictEqual(evidence("running", "cancelRequested"), "Taken")
    assert.strictEqual(evidence("Cancelling"), "Taken")
    assert.strictEqual(evidence("completed", "cannotCancel"), "Taken")
    assert.strictEqual(evidence("failed"), "Taken")
  })

  it("reads it as not taken only when the operation runs and the service would take a cancel", () => {
    assert.strictEqual(evidence("running", "canCancel"), "NotTaken")
    assert.strictEqual(evidence("not started", "CanCancel"), "NotTaken")
  })

  it("cannot tell otherwise", () => {
    assert.strictEqual(evidence("running"), "Unknown")
    assert.strictEqual(evidence("running", "cannotCancel"), "Unknown")
    assert.strictEqual(evidence("paused", "canCancel"), "Unknown")
  })
})
