/**
 * `Retry-After`, in either form HTTP allows: delay-seconds (`120`) or an HTTP-date. CPP documents
 * neither, but proxies and throttles in front of it send both.
 */
import { Duration, Option } from "effect"

export const parseRetryAfter = (header: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (header === undefined) return Option.none()
  const text = header.trim()
  if (/^\d+$/.test(text)) return Option.some(Duration.seconds(Number(text)))
  // An HTTP-date always names its weekday or month; without letters it is a malformed number.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(at)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, at - nowMillis)))
}

/** Keeps a server's wish within bounds: never hammer it, never sleep for hours on its word. */
export const clampDuration = (
  value: Duration.Duration,
  bounds: { readonly min: Duration.Duration; readonly max: Duration.Duration }
): Duration.Duration => Duration.min(Duration.max(value, bounds.min), bounds.max)
