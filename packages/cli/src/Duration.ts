/**
 * Durations as people type them on a command line: `50ms`, `90s`, `5m`, `2h`, `3d`, or a sum such as
 * `1h30m`. effect/cli has no duration flag, and Effect's own `"5 minutes"` form needs quoting.
 */
import { Duration, Option } from "effect"
import { Flag } from "effect/cli"

const unitMillis: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y

/** `Some` of the duration, or `None` when the text is not a sum of `<number><unit>` parts. */
export const parseDuration = (text: string): Option.Option<Duration.Duration> => {
  const input = text.trim().toLowerCase()
  if (input === "") return Option.none()
  let millis = 0
  part.lastIndex = 0
  while (part.lastIndex < input.length) {
    const start = part.lastIndex
    const match = part.exec(input)
    if (match === null || match.index !== start) return Option.none()
    millis += Number(match[1]) * unitMillis[match[2]!]!
  }
  return Option.some(Duration.millis(millis))
}

/** A `--name <duration>` flag; a value that does not parse is a usage error. */
export const durationFlag = (name: string): Flag.Flag<Duration.Duration> =>
  Flag.String(name).pipe(
    Flag.withMetavar("duration"),
    Flag.filterMap(parseDuration, (text) => `a duration such as 50ms, 90s, 5m, 2h or 3d (got ${JSON.stringify(text)})`)
  )
