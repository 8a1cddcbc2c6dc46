/**
 * How the watcher paces itself, from the environment: how often each watched offer is read, how many
 * requests per minute all watched offers together may make, how long a step may sit before the
 * channel is reminded, and how many message edits per minute the watcher makes at most.
 */
import { Duration } from "effect"
import { type Env, wholeNumber } from "../Settings.ts"

export interface WatchSettings {
  readonly interval: Duration.Duration
  readonly requestsPerMinute: number
  readonly remindAfter: Duration.Duration
  readonly editsPerMinute: number
}

export const defaultWatchSettings: WatchSettings = {
  interval: Duration.seconds(120),
  requestsPerMinute: 60,
  remindAfter: Duration.hours(72),
  editsPerMinute: 20
}

/** `OFFEROPS_WATCH_*`, or the one-line reason the bot cannot start with them. */
export const readWatchSettings = (env: Env): WatchSettings | string => {
  const seconds = wholeNumber(env, "OFFEROPS_WATCH_SECONDS", "seconds", { min: 1, max: 86_400 })
  const requests = wholeNumber(env, "OFFEROPS_WATCH_REQUESTS_PER_MINUTE", "requests", { min: 1, max: 6_000 })
  const hours = wholeNumber(env, "OFFEROPS_WATCH_REMIND_HOURS", "hours", { min: 1, max: 8_760 })
  const edits = wholeNumber(env, "OFFEROPS_WATCH_EDITS_PER_MINUTE", "edits", { min: 1, max: 600 })
  for (const read of [seconds, requests, hours, edits]) if (typeof read === "string") return read
  return {
    interval: typeof seconds === "number" ? Duration.seconds(seconds) : defaultWatchSettings.interval,
    requestsPerMinute: typeof requests === "number" ? requests : defaultWatchSettings.requestsPerMinute,
    remindAfter: typeof hours === "number" ? Duration.hours(hours) : defaultWatchSettings.remindAfter,
    editsPerMinute: typeof edits === "number" ? edits : defaultWatchSettings.editsPerMinute
  }
}
