/**
 * `offerops watch <location | resume token>`: follow an operation to its end, e.g. after
 * `cancel --no-wait` or a wait that timed out. Ends 0 when it completes or is cancelled, 7 when it
 * fails, 8 when the deadline passes first (with a new resume token).
 */
import { CppClient, decodeResumeToken, encodeResumeToken, looksLikeLocation, OperationFailed, operationProgress } from "@offerops/core"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { durationFlag } from "../Duration.ts"
import { describeOperation, operationJson, Output } from "../Output.ts"

export const watch = Command.make(
  "watch",
  {
    target: Argument.String("location|token").pipe(
      Argument.withDescription("An operation location (/api/... or a URL on the base URL) or a resume token")
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
    const wait = looksLikeLocation(input.target)
      ? { location: input.target, deadline: undefined, offer: undefined }
      : yield* decodeResumeToken(input.target)
    const location = yield* CppClient.use((client) => client.resolveLocation(wait.location))
    const output = yield* Output
    if (wait.offer !== undefined) yield* output.say(`Watching an operation on ${wait.offer}.`)

    const resumeToken = encodeResumeToken({
      location,
      ...(wait.offer === undefined ? {} : { offer: wait.offer }),
      ...(wait.deadline === undefined ? {} : { deadline: wait.deadline })
    })
    const final = yield* output.follow(
      operationProgress(location, {
        // An explicit --timeout wins over the deadline the token carries.
        ...(Option.isSome(input.timeout) ? { timeout: input.timeout.value } : { deadline: wait.deadline }),
        pollInterval: Option.getOrUndefined(input.pollInterval),
        offer: wait.offer
      }),
      resumeToken
    )
    if (Option.isNone(final)) return yield* Effect.die("the wait ended without reading the operation")
    const operation = final.value
    if (operation.state === "failed") {
      return yield* new OperationFailed({ location, operation, message: `the operation ended ${operation.status}` })
    }
    yield* output.result(
      { result: operation.state, location, operation: operationJson(operation) },
      [`Done: ${describeOperation(operation, output.paint)}`]
    )
  })
).pipe(
  Command.withDescription("Wait for an operation to end, showing its steps"),
  Command.withExamples([
    { command: "offerops watch eyJ2IjoxLCJsb2NhdGlvbiI6…", description: "Continue a wait from a resume token" },
    { command: "offerops watch /api/publishers/contoso/offers/contoso-vm/operations/<id>", description: "Follow a location" }
  ])
)
