import { describe, expect, it } from "vitest"
import { makeVirtualClock } from "../src/Clock.ts"

describe("VirtualClock", () => {
  it("stands still at time scale 0 until advanced", () => {
    let real = 0
    const clock = makeVirtualClock({ timeScale: 0, start: 1_000, realNow: () => real })
    real = 5_000
    expect(clock.now()).toBe(1_000)
    clock.advance(60_000)
    expect(clock.now()).toBe(61_000)
  })

  it("lets days pass in seconds at a time scale", () => {
    let real = 0
    const clock = makeVirtualClock({ timeScale: 86_400, start: 0, realNow: () => real })
    real = 1_000
    expect(clock.now()).toBe(24 * 60 * 60 * 1000)
  })

  it("refuses to move backwards", () => {
    const clock = makeVirtualClock({ timeScale: 0 })
    expect(() => clock.advance(-1)).toThrow(RangeError)
  })
})
