/** The watcher's pacing: the settings it reads, and the budget that spaces requests and caps edits. */
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { makeMinuteBudget } from "../../src/watch/MinuteBudget.ts"
import { defaultWatchSettings, readWatchSettings } from "../../src/watch/WatchSettings.ts"

describe("OFFEROPS_WATCH_*", () => {
  it("reads the interval, the request bound, the reminder threshold and the edit bound, with defaults", () => {
    assert.deepStrictEqual(readWatchSettings({}), defaultWatchSettings)
    const read = readWatchSettings({ OFFEROPS_WATCH_SECONDS: "30", OFFEROPS_WATCH_REQUESTS_PER_MINUTE: "10", OFFEROPS_WATCH_REMIND_HOURS: "24" })
    assert.deepStrictEqual(typeof read === "string" ? read : [Duration.toSeconds(read.interval), read.requestsPerMinute, Duration.toHours(read.remindAfter)], [30, 10, 24])
    assert.include(String(readWatchSettings({ OFFEROPS_WATCH_SECONDS: "0" })), "OFFEROPS_WATCH_SECONDS must be a whole number of seconds from 1")
  })
})

describe("the minute budget", () => {
  it.effect("spaces requests evenly and never lets more than N through in a minute, however many wait", () =>
    Effect.gen(function*() {
      const budget = makeMinuteBudget(6)
      const times: Array<number> = []
      const fiber = yield* Effect.forkChild(Effect.forEach(Array.from({ length: 20 }), () =>
        budget.take.pipe(Effect.andThen(Clock.currentTimeMillis), Effect.map((now) => void times.push(now)))))
      yield* TestClock.adjust(Duration.minutes(5))
      yield* Fiber.join(fiber)
      assert.strictEqual(times.length, 20)
      for (const at of times) assert.isAtMost(times.filter((t) => t > at - 60_000 && t <= at).length, 6)
      assert.deepStrictEqual(times.slice(0, 3), [0, 10_000, 20_000])
    }))

  it.effect("holds every request back until a Retry-After has passed", () =>
    Effect.gen(function*() {
      const budget = makeMinuteBudget(600)
      budget.holdUntil(30_000)
      const fiber = yield* Effect.forkChild(budget.take.pipe(Effect.andThen(Clock.currentTimeMillis)))
      yield* TestClock.adjust(Duration.minutes(1))
      assert.strictEqual(yield* Fiber.join(fiber), 30_000)
    }))

  it.effect("refuses an edit over the bound instead of waiting", () =>
    Effect.gen(function*() {
      const budget = makeMinuteBudget(2)
      assert.deepStrictEqual([yield* budget.tryTake, yield* budget.tryTake, yield* budget.tryTake], [true, true, false])
      yield* TestClock.adjust(Duration.minutes(1))
      assert.isTrue(yield* budget.tryTake)
    }))
})
