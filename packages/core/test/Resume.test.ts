/** #23: a resume token's deadline is a wish held to the configured wait, so a forged one cannot make `watch` unbounded. */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import { Operation } from "../src/Operation.ts"
import { resumeWait } from "../src/Resume.ts"
import { encodeResumeToken } from "../src/ResumeToken.ts"
import { pollingClient } from "./PollingClient.ts"

const location = "https://cloudpartner.azure.com/api/publishers/p/offers/o/operations/1?api-version=2017-10-31"
const running = pollingClient(() => Effect.succeed({ operation: new Operation({ status: "running" }), retryAfter: Option.none() }))

const gaveUpAfter = (deadline: number) =>
  Effect.gen(function*() {
    const resumed = yield* resumeWait(encodeResumeToken({ location, deadline }))
    const fiber = yield* Effect.forkChild(Effect.flip(Stream.runDrain(resumed.progress)))
    // Up to three hours, a minute at a time; the default configured wait is one hour.
    for (let minute = 0; minute < 180 && fiber.pollUnsafe() === undefined; minute++) yield* TestClock.adjust(Duration.minutes(1))
    const error = yield* Fiber.join(fiber)
    assert.strictEqual(error._tag, "WaitTimeout")
    return yield* Effect.clockWith((clock) => clock.currentTimeMillis)
  }).pipe(Effect.provide(running))

describe("resumeWait", () => {
  it.effect("holds an absurd deadline (1e308) to the configured wait", () =>
    Effect.gen(function*() {
      const stoppedAt = yield* gaveUpAfter(1e308)
      assert.isAtMost(stoppedAt, Duration.toMillis(Duration.hours(1)) + 60_000)
    }))

  it.effect("keeps a nearer deadline as it is", () =>
    Effect.gen(function*() {
      const stoppedAt = yield* gaveUpAfter(Duration.toMillis(Duration.minutes(10)))
      assert.isAtMost(stoppedAt, Duration.toMillis(Duration.minutes(11)))
    }))
})
