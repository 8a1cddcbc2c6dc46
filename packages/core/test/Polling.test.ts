/** The pure polling step: when a wait asks again, without any clock. */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Option } from "effect"
import { defaultSettings } from "../src/CppConfig.ts"
import { initialPollState, nextPoll, type PollPlan, type PollState } from "../src/Polling.ts"

const plan: PollPlan = { settings: defaultSettings, deadline: 3_600_000 }

/** Polls from `at` on, answering with the given Retry-After (seconds, or none); returns the poll times. */
const run = (answers: ReadonlyArray<number | undefined>, options: Partial<PollPlan> = {}, state: PollState = initialPollState) => {
  const times: Array<number> = [0]
  let current = state
  for (const seconds of answers) {
    const at = times[times.length - 1]!
    const decision = nextPoll(current, { at, retryAfter: Option.fromUndefinedOr(seconds).pipe(Option.map(Duration.seconds)) }, { ...plan, ...options })
    if (decision._tag === "DeadlinePassed") break
    current = decision.state
    times.push(at + Duration.toMillis(decision.delay))
  }
  return times
}

describe("nextPoll", () => {
  it("without Retry-After, waits a quarter of the quiet time, from 2 s up to the 10 s ceiling", () => {
    const times = run(Array.from({ length: 30 }, () => undefined))
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    assert.deepStrictEqual(gaps.slice(0, 7), [2_000, 2_000, 2_000, 2_000, 2_000, 2_500, 3_125])
    assert.strictEqual(Math.max(...gaps), 10_000)
    assert.deepStrictEqual(gaps.slice(-3), [10_000, 10_000, 10_000])
  })

  it("follows Retry-After within bounds, and backs off afresh from 2 s when it stops", () => {
    const quiet = Array.from({ length: 12 }, () => undefined)
    const times = run([...quiet, 7, 0, 9999, undefined, undefined])
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    // After a long quiet run at the ceiling: 7 s as asked, 0 raised to 1 s, 9999 s cut to 5 min,
    // then silence starts the backoff again at 2 s rather than at the old ceiling.
    assert.deepStrictEqual(gaps.slice(12), [7_000, 1_000, 300_000, 2_000, 2_000])
  })

  it("keys the backoff to time, not to the number of polls", () => {
    // Many quick Retry-After polls, then silence: the first quiet gaps are short again.
    const times = run([...Array.from({ length: 20 }, () => 1), undefined, undefined])
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    assert.deepStrictEqual(gaps.slice(-2), [2_000, 2_000])
  })

  it("uses a fixed interval when given, still yielding to Retry-After", () => {
    const times = run([undefined, 4, undefined], { interval: Duration.seconds(3) })
    assert.deepStrictEqual(times, [0, 3_000, 7_000, 10_000])
  })

  it("never sleeps past the deadline, and stops once it has passed", () => {
    const times = run([300, undefined, undefined], { deadline: 60_000 })
    assert.deepStrictEqual(times, [0, 60_000])
    const decision = nextPoll(initialPollState, { at: 60_000, retryAfter: Option.none() }, { ...plan, deadline: 60_000 })
    assert.strictEqual(decision._tag, "DeadlinePassed")
  })
})
