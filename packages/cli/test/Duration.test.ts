/** The durations people type after --timeout and --poll-interval. */
import { Duration, Option } from "effect"
import { describe, expect, it } from "vitest"
import { parseDuration } from "../src/Duration.ts"

const millis = (text: string) => Option.map(parseDuration(text), Duration.toMillis)

describe("parseDuration", () => {
  it.each([
    ["50ms", 50],
    ["90s", 90_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["3d", 259_200_000],
    ["1h30m", 5_400_000],
    ["1.5s", 1_500],
    [" 10S ", 10_000]
  ])("reads %s", (text, expected) => {
    expect(millis(text)).toEqual(Option.some(expected))
  })

  it.each(["", "5", "5x", "m5", "-1s", "5 m", "1h-30m", "s"])("refuses %j", (text) => {
    expect(millis(text)).toEqual(Option.none())
  })
})
