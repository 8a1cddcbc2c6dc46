/**
 * The emulator's virtual clock. Real publishes take days, so operations, tokens
 * and cancellations all read this clock, which tests move by hand (`advance`) or
 * let run faster than real time (`timeScale`).
 */
export interface VirtualClock {
  /** Virtual epoch milliseconds. */
  readonly now: () => number
  readonly advance: (ms: number) => void
}

export const makeVirtualClock = (options: {
  /** Virtual ms per real ms; 0 freezes time between `advance` calls. */
  readonly timeScale: number
  /** Virtual epoch ms at start; defaults to the wall clock, so timestamps look current. */
  readonly start?: number
  /** Monotonic real-time source in ms, replaceable so the clock itself can be tested. */
  readonly realNow?: () => number
}): VirtualClock => {
  const realNow = options.realNow ?? (() => performance.now())
  const realStart = realNow()
  const start = options.start ?? Date.now()
  let advanced = 0
  return {
    now: () => Math.floor(start + advanced + (realNow() - realStart) * options.timeScale),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`advance expects a non-negative number of ms, got ${ms}`)
      }
      advanced += ms
    }
  }
}
