/**
 * `Retry-After`, in either form HTTP allows (delay-seconds or an HTTP-date), read by effect/http,
 * and kept within our bounds: a server's wish never makes us hammer it nor sleep for hours.
 */
import { Duration, Option, Result } from "effect"
import { Headers } from "effect/http"

export const parseRetryAfter = (header: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (header === undefined) return Option.none()
  const parsed = Headers.parseRetryAfter(header.trim())
  return Result.isSuccess(parsed) ? Option.some(Headers.retryAfterDelay(parsed.success, nowMillis)) : Option.none()
}

/** Keeps a server's wish within bounds: never hammer it, never sleep for hours on its word. */
export const clampDuration = (
  value: Duration.Duration,
  bounds: { readonly min: Duration.Duration; readonly max: Duration.Duration }
): Duration.Duration => Duration.min(Duration.max(value, bounds.min), bounds.max)
