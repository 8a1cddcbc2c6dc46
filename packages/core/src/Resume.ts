/**
 * Continuing a wait in another process: from a resume token (or a bare location), the same stream of
 * progress the original wait would have gone on with — one operation, or a cancellation's cancel
 * operation and then the operation it cancels — under the token's deadline unless a timeout is given.
 * A token that follows a cancel ends in the same Outcome `cancel` would have decided.
 */
import { Clock, Duration, Effect, Option, Stream } from "effect"
import type { WaitError, WaitOptions } from "./AwaitOperation.ts"
import { followCancellation } from "./Cancellation.ts"
import { CppClient } from "./CppClient.ts"
import { CppConfig } from "./CppConfig.ts"
import type { InvalidInput, OperationFailed } from "./CppError.ts"
import { decideOutcome, lastSeen, type LastSeen, type Outcome } from "./Outcome.ts"
import type { Progress } from "./Progress.ts"
import { decodeResumeToken, looksLikeLocation } from "./ResumeToken.ts"

export interface Resumed {
  /** The offer the token names, if it names one. */
  readonly offer: string | undefined
  /** Where the wait goes on (the first operation it follows). */
  readonly location: string
  /** Ends with the last operation's final snapshot; a failed one ends it with OperationFailed. */
  readonly progress: Stream.Stream<Progress, WaitError | OperationFailed, CppClient>
  /**
   * When the token follows a cancel of a named offer: runs the progress (as the face shows it) to
   * the cancel's Outcome, decided as `cancel` decides it (a failed read is the Outcome's to word).
   */
  readonly cancellation: {
    readonly offer: string
    readonly outcome: <E, R>(progress: Stream.Stream<Progress, E | OperationFailed, R>) => Effect.Effect<Outcome, E, R>
  } | undefined
}

export const resumeWait = Effect.fn("resumeWait")(function*(
  text: string,
  options: Pick<WaitOptions, "timeout" | "pollInterval"> = {}
): Effect.fn.Return<Resumed, InvalidInput, CppClient> {
  const token = looksLikeLocation(text)
    ? { location: text, deadline: undefined, offer: undefined, canceled: undefined, cancel: undefined }
    : yield* decodeResumeToken(text)
  const client = yield* CppClient
  const location = yield* client.resolveLocation(token.location)
  const canceled = token.canceled === undefined ? Option.none<string>() : Option.some(yield* client.resolveLocation(token.canceled))
  const settings = yield* CppConfig
  const now = yield* Clock.currentTimeMillis
  // An explicit timeout wins over the deadline the token carries, which is only a wish: a token is
  // text anyone can write, so its deadline is held to the configured wait (1e308 would never end).
  const longest = now + Duration.toMillis(options.timeout ?? settings.waitTimeout)
  const deadline = options.timeout !== undefined || token.deadline === undefined ? longest : Math.min(token.deadline, longest)
  const wait = {
    deadline,
    pollInterval: options.pollInterval,
    ...(token.offer === undefined ? {} : { offer: token.offer }),
    ...(token.cancel === true ? { cancellation: true } : {})
  }
  const offer = token.offer
  const followsCancel = Option.isSome(canceled) || token.cancel === true
  return {
    offer,
    location,
    cancellation: offer === undefined || !followsCancel ? undefined : {
      offer,
      outcome: <E, R>(progress: Stream.Stream<Progress, E | OperationFailed, R>) =>
        progress.pipe(
          Stream.catchTag("OperationFailed", () => Stream.empty),
          Stream.runFold((): LastSeen => ({}), lastSeen),
          Effect.map((seen) =>
            decideOutcome(
              offer,
              Option.isSome(canceled) ? { _tag: "Accepted", location: Option.some(location), retryAfter: Option.none() } : { _tag: "Canceled" },
              seen,
              Option.getOrElse(canceled, () => location)
            )
          )
        ) as Effect.Effect<Outcome, E, R>
    },
    progress: Option.isSome(canceled)
      ? followCancellation({ cancelLocation: Option.some(location), canceledLocation: canceled }, wait)
      : followCancellation({ cancelLocation: Option.none(), canceledLocation: Option.some(location) }, wait)
  }
})
