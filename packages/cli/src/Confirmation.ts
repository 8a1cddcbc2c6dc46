/**
 * The rule before a cancel: a person at a terminal says yes, or the caller passed `--yes`. Without a
 * terminal on stdin nobody can answer, so the command refuses before it calls the service at all.
 */
import { Effect, Stdio, Terminal } from "effect"
import { UsageError } from "./Failure.ts"

/** Fails with UsageError when `--yes` is absent and stdin is not a terminal; else whether to ask. */
export const confirmationNeeded = Effect.fnUntraced(function*(yes: boolean) {
  if (yes) return false
  const stdio = yield* Stdio.Stdio
  if (yield* stdio.stdinIsTerminal) return true
  return yield* new UsageError({
    message: "refusing to cancel without confirmation: stdin is not a terminal; pass --yes to cancel anyway",
    reason: "NoTerminal"
  })
})

/** Reads one answer; only `y` or `yes` (any case) agrees. End of input or Ctrl-C is a no. */
export const readAgreement: Effect.Effect<boolean, never, Terminal.Terminal> = Terminal.Terminal.use((terminal) =>
  terminal.readLine.pipe(
    Effect.map((answer) => /^\s*y(es)?\s*$/i.test(answer)),
    Effect.catchTag("QuitError", () => Effect.succeed(false))
  )
)
