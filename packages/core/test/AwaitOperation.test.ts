/**
 * The wait's schedule, deadline and interruption, against a scripted CppClient and TestClock: what a
 * user notices is when the service is asked and when the wait gives up.
 */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import { awaitOperation, operationProgress } from "../src/AwaitOperation.ts"
import type { OperationPoll } from "../src/CppClient.ts"
import { Operation } from "../src/Operation.ts"
import { decodeResumeToken } from "../src/ResumeToken.ts"
import { pollingClient } from "./PollingClient.ts"

const location = "https://cloudpartner.azure.com/api/publishers/p/offers/o/operations/1?api-version=2017-10-31"

const op = (status: string) => new Operation({ status })

/** A client whose polls answer from a script (the last answer repeats) and remember when they came. */
const scripted = (answers: ReadonlyArray<{ readonly status: string; readonly retryAfter?: Duration.Duration }>) => {
  const pollTimes: Array<number> = []
  const layer = pollingClient(() =>
    Effect.clockWith((clock) =>
      Effect.sync((): OperationPoll => {
        pollTimes.push(clock.currentTimeMillisUnsafe())
        const answer = answers[Math.min(pollTimes.length - 1, answers.length - 1)]!
        return { operation: op(answer.status), retryAfter: Option.fromUndefinedOr(answer.retryAfter) }
      })
    )
  )
  return { layer, pollTimes }
}

/** Runs `effect` in a fiber while moving the test clock forward in one-second steps. */
const withTimePassing = <A, E, R>(effect: Effect.Effect<A, E, R>, seconds: number) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    for (let i = 0; i < seconds; i++) yield* TestClock.adjust(Duration.seconds(1))
    return yield* Fiber.join(fiber)
  })

describe("awaitOperation", () => {
  it.effect("polls at once, then every 2 s until a quarter of the time waited is longer", () => {
    const client = scripted([...Array.from({ length: 7 }, () => ({ status: "running" })), { status: "canceled" }])
    return Effect.gen(function*() {
      const final = yield* withTimePassing(awaitOperation(location), 30)
      assert.strictEqual(final.state, "canceled")
      assert.deepStrictEqual(client.pollTimes, [0, 2_000, 4_000, 6_000, 8_000, 10_000, 12_500, 15_625])
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("waits as long as Retry-After asks, within the configured bounds", () => {
    const client = scripted([
      { status: "running", retryAfter: Duration.seconds(7) },
      { status: "running", retryAfter: Duration.zero },
      { status: "completed" }
    ])
    return Effect.gen(function*() {
      yield* withTimePassing(awaitOperation(location), 20)
      // 7 s as asked; then 0 s is raised to the 1 s minimum.
      assert.deepStrictEqual(client.pollTimes, [0, 7_000, 8_000])
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("uses a fixed poll interval and a first delay when given", () => {
    const client = scripted([{ status: "running" }, { status: "running" }, { status: "Completed" }])
    return Effect.gen(function*() {
      yield* withTimePassing(
        awaitOperation(location, { pollInterval: "3 seconds", firstDelay: Option.some(Duration.seconds(5)) }),
        20
      )
      assert.deepStrictEqual(client.pollTimes, [5_000, 8_000, 11_000])
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("keeps waiting through statuses it does not know", () => {
    const client = scripted([{ status: "waitingForSomething" }, { status: "cancelled" }])
    return Effect.gen(function*() {
      const final = yield* withTimePassing(awaitOperation(location), 5)
      assert.strictEqual(final.status, "cancelled")
      assert.strictEqual(client.pollTimes.length, 2)
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("ends in OperationFailed when the operation fails", () => {
    const client = scripted([{ status: "running" }, { status: "Failed" }])
    return Effect.gen(function*() {
      const error = yield* withTimePassing(Effect.flip(awaitOperation(location)), 5)
      assert.strictEqual(error._tag, "OperationFailed")
      if (error._tag === "OperationFailed") assert.strictEqual(error.operation.status, "Failed")
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("gives up at the deadline with the last operation and a resume token", () => {
    const client = scripted([{ status: "running" }])
    return Effect.gen(function*() {
      const error = yield* withTimePassing(Effect.flip(awaitOperation(location, { timeout: "10 seconds", offer: "p/o" })), 30)
      assert.strictEqual(error._tag, "WaitTimeout")
      if (error._tag !== "WaitTimeout") return
      assert.strictEqual(error.operation?.status, "running")
      // The last poll happens at the deadline itself, not after it.
      assert.deepStrictEqual(client.pollTimes, [0, 2_000, 4_000, 6_000, 8_000, 10_000])
      const token = yield* decodeResumeToken(error.resumeToken)
      assert.strictEqual(token.location, location)
      assert.strictEqual(token.offer, "p/o")
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("stops at once when interrupted mid-sleep, and polls no more", () => {
    const client = scripted([{ status: "running" }])
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(awaitOperation(location))
      yield* TestClock.adjust(Duration.seconds(3))
      assert.strictEqual(client.pollTimes.length, 2)
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust(Duration.hours(2))
      assert.strictEqual(client.pollTimes.length, 2)
    }).pipe(Effect.provide(client.layer))
  })
})

describe("operationProgress", () => {
  it.effect("emits every snapshot, ending with the terminal one", () => {
    const client = scripted([{ status: "notStarted" }, { status: "running" }, { status: "canceled" }, { status: "running" }])
    return Effect.gen(function*() {
      const seen = yield* withTimePassing(
        operationProgress(location, { pollInterval: "1 second" }).pipe(
          Stream.map((progress) => progress.operation.state),
          Stream.runCollect
        ),
        5
      )
      assert.deepStrictEqual(seen, ["notStarted", "running", "canceled"])
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("emits the failed snapshot, then ends in OperationFailed", () => {
    const client = scripted([{ status: "running" }, { status: "failed" }])
    return Effect.gen(function*() {
      const seen: Array<string> = []
      const error = yield* withTimePassing(
        Effect.flip(
          operationProgress(location, { pollInterval: "1 second" }).pipe(
            Stream.runForEach((progress) => Effect.sync(() => seen.push(progress.operation.state)))
          )
        ),
        5
      )
      assert.deepStrictEqual(seen, ["running", "failed"])
      assert.strictEqual(error._tag, "OperationFailed")
    }).pipe(Effect.provide(client.layer))
  })

  it.effect("gives every snapshot its location and a token that resumes the same wait, deadline included", () => {
    const client = scripted([{ status: "running" }, { status: "completed" }])
    return Effect.gen(function*() {
      const progress = yield* withTimePassing(
        operationProgress(location, { pollInterval: "1 second", timeout: "1 minute", offer: "p/o" }).pipe(Stream.runCollect),
        5
      )
      assert.deepStrictEqual(progress.map((p) => p.location), [location, location])
      const token = yield* decodeResumeToken(progress[0]!.resumeToken)
      assert.deepStrictEqual(token, { v: 1, location, deadline: 60_000, offer: "p/o" })
    }).pipe(Effect.provide(client.layer))
  })
})
