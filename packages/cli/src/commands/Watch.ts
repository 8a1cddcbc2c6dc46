/**
 * `offerops watch <location | resume token>`: follow an operation to its end, e.g. after
 * `cancel --no-wait` or a wait that timed out — what to follow is the core's `resumeWait`. Ends 0
 * when it completes or is cancelled, 7 when it fails, 8 when the deadline passes first (with a new
 * resume token). A token that follows a cancel ends as `cancel` would: the same Outcome, words and
 * exit code (11 when the operation ended first).
 */
import { parseReference, referenceLocation, resumeWait, routedLocations } from "@offerops/core"
import { Effect, Option, Stream } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { conclude } from "../Conclusion.ts"
import { durationFlag } from "../Duration.ts"
import { describeOperation, operationJson } from "../OperationView.ts"
import { Output } from "../Output.ts"
import { inert } from "../SafeConsole.ts"

export const watch = Command.make(
  "watch",
  {
    target: Argument.String("location|token").pipe(
      Argument.withDescription("An operation location (/api/... or a URL on the base URL), a resume token, or job:<jobId>")
    ),
    timeout: durationFlag("timeout").pipe(
      Flag.withDescription("Give up after this long (exit 8); default: the token's deadline, else 1h"),
      Flag.optional
    ),
    pollInterval: durationFlag("poll-interval").pipe(
      Flag.withDescription("Poll at this fixed interval instead of backing off from 2s to 10s"),
      Flag.optional
    )
  },
  Effect.fn("watch")(function*(input) {
    // `job:<jobId>` names the one operation to follow; a location or token may be any API's.
    const target = /^job:/i.test(input.target.trim())
      ? yield* referenceLocation(yield* parseReference(input.target))
      : input.target
    const resumed = yield* resumeWait(target, {
      timeout: Option.getOrUndefined(input.timeout),
      pollInterval: Option.getOrUndefined(input.pollInterval)
    }).pipe(Effect.provide(routedLocations))
    const output = yield* Output
    const t = output.translator
    if (resumed.offer !== undefined) yield* output.say(inert(t.t("cli.watch.watching", { offer: resumed.offer })))
    if (resumed.cancellation !== undefined) {
      const subject = yield* parseReference(resumed.cancellation.offer)
      const outcome = yield* output.follow(resumed.progress.pipe(Stream.provide(routedLocations)), target, resumed.cancellation.outcome)
      return yield* conclude(subject, outcome, Option.none())
    }
    // A failed operation ends the progress with OperationFailed (exit 7).
    const final = yield* output.follow(resumed.progress.pipe(Stream.provide(routedLocations)), target, Stream.runLast)
    if (Option.isNone(final)) return yield* Effect.die("the wait ended without reading the operation")
    const { location, operation } = final.value
    yield* output.result(
      { result: operation.state, location, operation: operationJson(operation) },
      [t.t("cli.watch.done", { operation: describeOperation(operation, output.paint, t) })]
    )
  })
).pipe(
  Command.withDescription("Wait for an operation to end, showing its steps"),
  Command.withExamples([
    { command: "offerops watch eyJ2IjoxLCJsb2NhdGlvbiI6…", description: "Continue a wait from a resume token" },
    { command: "offerops watch /api/publishers/contoso/offers/contoso-vm/operations/<id>", description: "Follow a location" }
  ])
)
