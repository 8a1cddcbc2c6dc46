/**
 * The polling trade-off without Retry-After, computed with the real `nextPoll` (no clock, no
 * server): for operations ending at any second of the first hour, how late the wait notices the
 * end and how many requests it makes, per ceiling. `node bench/polling.ts`.
 */
import { Duration, Option } from "effect"
import { defaultSettings } from "../src/CppConfig.ts"
import { initialPollState, nextPoll } from "../src/Polling.ts"

const hour = 3_600_000

/** The poll times of one wait without Retry-After, up to an hour. */
const pollTimes = (pollMax: Duration.Duration): Array<number> => {
  const plan = { settings: { ...defaultSettings, pollMax }, deadline: hour + 60_000 }
  const times = [0]
  let state = initialPollState
  while (times[times.length - 1]! < hour) {
    const at = times[times.length - 1]!
    const decision = nextPoll(state, { at, retryAfter: Option.none() }, plan)
    if (decision._tag === "DeadlinePassed") break
    state = decision.state
    times.push(at + Duration.toMillis(decision.delay))
  }
  return times
}

const row = (name: string, times: ReadonlyArray<number>) => {
  const delays: Array<number> = []
  for (let end = 1_000; end <= hour; end += 1_000) delays.push(times.find((t) => t >= end)! - end)
  const late = delays.slice(60) // operations that ran longer than a minute
  const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / xs.length / 1000
  const requests = (within: number) => times.filter((t) => t <= within).length
  return `| ${name} | ${requests(60_000)} | ${requests(600_000)} | ${requests(hour)} | ${mean(late).toFixed(1)} s | ${
    (Math.max(...late) / 1000).toFixed(1)
  } s |`
}

console.log("| ceiling | requests, 1st min | requests, 10 min | requests, 1 h | mean delay (ops > 1 min) | worst |")
console.log("|---|---|---|---|---|---|")
for (const seconds of [5, 10, 15, 30, 60]) console.log(row(`${seconds} s${seconds === 10 ? " (default)" : ""}`, pollTimes(Duration.seconds(seconds))))
