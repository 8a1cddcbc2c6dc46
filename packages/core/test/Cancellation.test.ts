/**
 * Following a cancel to its confirmed end, against a scripted CppClient and TestClock.
 */
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import { awaitCancellation, cancellationProgress } from "../src/Cancellation.ts"
import type { CancelResult } from "../src/CppClient.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { decodeResumeToken } from "../src/ResumeToken.ts"
import { Operation } from "../src/Operation.ts"
import { pollingClient } from "./PollingClient.ts"

const offer = new OfferRef({ publisherId: "contoso", offerId: "vm" })
const cancelLocation = "https://cloudpartner.azure.com/api/publishers/contoso/offers/vm/operations/cancel-1?api-version=2017-10-31"

/** Each location answers from its own script; the last answer repeats. */
const scripted = (scripts: Record<string, ReadonlyArray<string>>) => {
  const polled: Array<string> = []
  const layer = pollingClient((location) =>
    Effect.sync(() => {
      const id = /operations\/([^?]+)/.exec(location)![1]!
      polled.push(id)
      const script = scripts[id]!
      const count = polled.filter((p) => p === id).length
      return { operation: new Operation({ id, status: script[Math.min(count, script.length) - 1]! }), retryAfter: Option.none() }
    })
  )
  return { layer, polled }
}

const collect = (result: CancelResult, scripts: Record<string, ReadonlyArray<string>>, runningId = Option.some("op-1")) => {
  const client = scripted(scripts)
  return Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(
      cancellationProgress(offer, result, runningId, { pollInterval: "1 second", timeout: "1 minute" }).pipe(
        Stream.map(({ operation }) => `${operation.id}:${operation.status}`),
        Stream.runCollect
      )
    )
    for (let i = 0; i < 70; i++) yield* TestClock.adjust(Duration.seconds(1))
    return { seen: yield* Fiber.join(fiber), polled: client.polled }
  }).pipe(Effect.provide(client.layer))
}

const accepted: CancelResult = { _tag: "Accepted", location: Option.some(cancelLocation), retryAfter: Option.none() }

describe("cancellationProgress", () => {
  it.effect("after a 202 follows the cancel operation, then the cancelled one until it reads canceled", () =>
    Effect.gen(function*() {
      const { seen } = yield* collect(accepted, {
        "cancel-1": ["running", "completed"],
        "op-1": ["running", "canceled"]
      })
      assert.deepStrictEqual(seen, ["cancel-1:running", "cancel-1:completed", "op-1:running", "op-1:canceled"])
    }))

  it.effect("after a 200 confirms by reading the cancelled operation", () =>
    Effect.gen(function*() {
      const { seen } = yield* collect({ _tag: "Canceled" }, { "op-1": ["Cancelled"] })
      assert.deepStrictEqual(seen, ["op-1:Cancelled"])
    }))

  it.effect("after a 202 without a location follows the cancelled operation", () =>
    Effect.gen(function*() {
      const { seen } = yield* collect(
        { _tag: "Accepted", location: Option.none(), retryAfter: Option.none() },
        { "op-1": ["running", "running", "canceled"] }
      )
      assert.deepStrictEqual(seen, ["op-1:running", "op-1:running", "op-1:canceled"])
    }))

  it.effect("waits the 202's Retry-After once, before the cancel operation, not again before the cancelled one", () =>
    Effect.gen(function*() {
      const polls: Array<string> = []
      const layer = pollingClient((location) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          const id = /operations\/([^?]+)/.exec(location)![1]!
          polls.push(`${id}@${now / 1000}s`)
          return { operation: new Operation({ id, status: id === "cancel-1" ? "completed" : "canceled" }), retryAfter: Option.none() }
        })
      )
      const fiber = yield* Effect.forkChild(
        cancellationProgress(offer, { ...accepted, retryAfter: Option.some(Duration.seconds(30)) }, Option.some("op-1"), {
          timeout: "1 hour"
        }).pipe(Stream.runDrain, Effect.provide(layer))
      )
      for (let i = 0; i < 70; i++) yield* TestClock.adjust(Duration.seconds(1))
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(polls, ["cancel-1@30s", "op-1@30s"])
    }))

  it.effect("shares one deadline across both operations", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(accepted, { "cancel-1": ["running"], "op-1": ["running"] }))
      assert.strictEqual(error._tag, "WaitTimeout")
    }))
})

describe("awaitCancellation", () => {
  const outcomeOf = (result: CancelResult, scripts: Record<string, ReadonlyArray<string>>) => {
    const client = scripted(scripts)
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(
        awaitCancellation(offer, result, "op-1", { pollInterval: "1 second", timeout: "1 hour" })
      )
      for (let i = 0; i < 10; i++) yield* TestClock.adjust(Duration.seconds(1))
      return { outcome: yield* Fiber.join(fiber), polled: client.polled }
    }).pipe(Effect.provide(client.layer))
  }

  it.effect("is Canceled only when the service reads the operation canceled", () =>
    Effect.gen(function*() {
      const { outcome } = yield* outcomeOf(accepted, { "cancel-1": ["completed"], "op-1": ["running", "canceled"] })
      assert.strictEqual(outcome._tag, "Canceled")
      if (outcome._tag === "Canceled") {
        assert.strictEqual(outcome.operation?.state, "canceled")
        assert.strictEqual(outcome.cancelLocation, cancelLocation)
      }
    }))

  it.effect("is EndedFirst when the operation completed on its own before the cancel took effect", () =>
    Effect.gen(function*() {
      const { outcome } = yield* outcomeOf(accepted, { "cancel-1": ["completed"], "op-1": ["completed"] })
      assert.strictEqual(outcome._tag, "EndedFirst")
      if (outcome._tag === "EndedFirst") {
        assert.strictEqual(outcome.operation.state, "completed")
        assert.include(outcome.location, "/operations/op-1")
      }
    }))

  it.effect("is EndedFirst, carrying the failed operation, when it failed on its own first", () =>
    Effect.gen(function*() {
      const { outcome } = yield* outcomeOf({ _tag: "Canceled" }, { "op-1": ["Failed"] })
      assert.strictEqual(outcome._tag, "EndedFirst")
      if (outcome._tag === "EndedFirst") assert.strictEqual(outcome.operation.state, "failed")
    }))

  it.effect("is CancelFailed when the cancel operation fails, without waiting on the other", () =>
    Effect.gen(function*() {
      const { outcome, polled } = yield* outcomeOf(accepted, { "cancel-1": ["running", "failed"], "op-1": ["running"] })
      assert.strictEqual(outcome._tag, "CancelFailed")
      if (outcome._tag === "CancelFailed") {
        assert.strictEqual(outcome.cancelOperation?.state, "failed")
        assert.strictEqual(outcome.cancelLocation, cancelLocation)
        assert.include(outcome.location, "/operations/op-1")
      }
      assert.deepStrictEqual(polled, ["cancel-1", "cancel-1"])
    }))
})

describe("cancellationProgress resume tokens", () => {
  it.effect("during the cancel operation, each token follows both operations under the wait's deadline", () =>
    Effect.gen(function*() {
      const client = scripted({ "cancel-1": ["running", "completed"], "op-1": ["canceled"] })
      const fiber = yield* Effect.forkChild(
        cancellationProgress(offer, accepted, Option.some("op-1"), { pollInterval: "1 second", timeout: "1 minute" }).pipe(
          Stream.runCollect,
          Effect.provide(client.layer)
        )
      )
      for (let i = 0; i < 5; i++) yield* TestClock.adjust(Duration.seconds(1))
      const progress = yield* Fiber.join(fiber)
      const tokens = yield* Effect.forEach(progress, (p) => decodeResumeToken(p.resumeToken))
      assert.deepStrictEqual(progress.map((p) => p.subject), ["cancel", "cancel", "operation"])
      assert.deepStrictEqual(tokens[0], {
        v: 2,
        location: cancelLocation,
        deadline: 60_000,
        offer: "contoso/vm",
        canceled: progress[2]!.location,
        cancel: true
      })
      assert.deepStrictEqual(tokens[2], { v: 1, location: progress[2]!.location, deadline: 60_000, offer: "contoso/vm", cancel: true })
      assert.include(progress[2]!.location, "/operations/op-1")
    }))

  it.effect("a WaitTimeout during the cancel operation resumes both, without the spent deadline", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(accepted, { "cancel-1": ["running"], "op-1": ["running"] }))
      assert.strictEqual(error._tag, "WaitTimeout")
      const token = yield* decodeResumeToken(error._tag === "WaitTimeout" ? error.resumeToken : "")
      assert.strictEqual(token.v, 2)
      assert.strictEqual(token.location, cancelLocation)
      assert.include(token.canceled ?? "", "/operations/op-1")
      assert.isUndefined(token.deadline)
    }))
})
