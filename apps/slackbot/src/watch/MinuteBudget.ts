/**
 * At most N uses in any 60 seconds, on the Effect clock: the watcher's requests to the service (which
 * wait for their turn) and its message edits (which are skipped and retried at the next read). A
 * server's Retry-After holds every request back until it has passed.
 */
import { Clock, Effect } from "effect"

const minute = 60_000

export interface MinuteBudget {
  /** Waits until one more use fits in the last minute, 60/N seconds after the last one and past any hold, then counts it. */
  readonly take: Effect.Effect<void>
  /** Counts one more use if it fits now; false (nothing counted) if not. */
  readonly tryTake: Effect.Effect<boolean>
  /** No use before `until` (epoch ms). */
  holdUntil(until: number): void
}

export const makeMinuteBudget = (perMinute: number): MinuteBudget => {
  // Times of the uses in the last minute, oldest first; never longer than perMinute.
  const used: Array<number> = []
  let heldUntil = 0
  // `take` also spaces its uses evenly, so a minute's requests never leave in one burst.
  const spacing = Math.floor(minute / perMinute)
  const wait = (now: number, spaced: boolean) => {
    while (used.length > 0 && used[0]! <= now - minute) used.shift()
    const full = used.length >= perMinute ? used[0]! + minute - now : 0
    const next = spaced && used.length > 0 ? used[used.length - 1]! + spacing - now : 0
    return Math.max(full, next, heldUntil - now, 0)
  }
  const use = (spaced: boolean) =>
    Clock.currentTimeMillis.pipe(Effect.map((now) => {
      if (wait(now, spaced) > 0) return false
      used.push(now)
      return true
    }))
  // Each turn sleeps until the oldest use leaves the window (or the spacing or hold ends), so the loop ends.
  const take: Effect.Effect<void> = Effect.gen(function*() {
    while (!(yield* use(true))) {
      const now = yield* Clock.currentTimeMillis
      yield* Effect.sleep(Math.max(1, wait(now, true)))
    }
  })
  const tryTake = use(false)
  return { take, tryTake, holdUntil: (until) => void (heldUntil = Math.max(heldUntil, until)) }
}
