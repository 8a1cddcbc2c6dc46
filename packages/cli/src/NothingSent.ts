/**
 * The failure when `cancel`'s --timeout passes before the cancel was sent: the reads of what runs got
 * no answer in time, so nothing was cancelled (exit 9).
 */
import { Unavailable } from "@offerops/core"
import { Duration } from "effect"

export const nothingSentWithin = (timeout: Duration.Duration, path: string, what: string) => () =>
  new Unavailable({
    method: "GET",
    path,
    unreachable: "NoResponse",
    message: `no answer within the --timeout of ${Duration.format(timeout)}: nothing was cancelled on ${what}`
  })
