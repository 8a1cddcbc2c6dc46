import { assert, describe, it } from "@effect/vitest"
import { Duration, Option } from "effect"
import { clampDuration, parseRetryAfter } from "../src/RetryAfter.ts"

const now = Date.parse("2026-11-21T12:00:00Z")
const millis = (header: string | undefined) => Option.map(parseRetryAfter(header, now), Duration.toMillis)

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    assert.deepStrictEqual(millis("120"), Option.some(120_000))
    assert.deepStrictEqual(millis(" 0 "), Option.some(0))
  })

  it("reads an HTTP-date relative to now, never negative", () => {
    assert.deepStrictEqual(millis("Sat, 21 Nov 2026 12:00:30 GMT"), Option.some(30_000))
    assert.deepStrictEqual(millis("Sat, 21 Nov 2026 11:00:00 GMT"), Option.some(0))
  })

  it("ignores absent or unreadable values", () => {
    assert.deepStrictEqual(millis(undefined), Option.none())
    assert.deepStrictEqual(millis("soon"), Option.none())
    assert.deepStrictEqual(millis("-5"), Option.none())
  })

  it("clamps to the configured bounds", () => {
    const bounds = { min: Duration.seconds(1), max: Duration.minutes(5) }
    assert.strictEqual(Duration.toMillis(clampDuration(Duration.zero, bounds)), 1_000)
    assert.strictEqual(Duration.toMillis(clampDuration(Duration.hours(3), bounds)), 300_000)
    assert.strictEqual(Duration.toMillis(clampDuration(Duration.seconds(42), bounds)), 42_000)
  })
})
