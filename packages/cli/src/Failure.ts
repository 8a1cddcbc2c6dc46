/**
 * Why a command did not succeed, and what to tell the person or program that ran it: the failures
 * the CLI adds to the core's, and for every failure its JSON error object and the core's advice
 * rendered as lines of text.
 */
import { CancelFailed, type CppError, Next, type Remedy, remedyOf, remedyOfOutcome } from "@offerops/core"
import { Schema } from "effect"
import { CliError } from "effect/cli"
import type { FailureReport } from "./Output.ts"

/** The invocation cannot be acted on as given (e.g. no `--yes` and no terminal to ask on). */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}

/**
 * `cancel` found no running operation, so it never called the cancel endpoint. Reported as
 * `NotFound` (exit 6): for a script, there was no operation to cancel on this offer.
 */
export class NothingRunning extends Schema.TaggedError<NothingRunning>()("NothingRunning", {
  offer: Schema.String
}) {}

/** The cancel itself failed and the operation still runs: reported as `OperationFailed` (exit 7). */
export class CancelNotDone extends Schema.TaggedError<CancelNotDone>()("CancelNotDone", {
  outcome: CancelFailed
}) {}

/**
 * A person answered no at the confirmation prompt, so nothing was cancelled. Like a missing `--yes`,
 * the confirmation rule stopped the action: exit 2, reported as `UsageError` with code `NotConfirmed`.
 */
export class NotConfirmed extends Schema.TaggedError<NotConfirmed>()("NotConfirmed", {
  offer: Schema.String,
  message: Schema.String
}) {}

export type CommandFailure = CppError | UsageError | NothingRunning | CancelNotDone | NotConfirmed

const help = "Run `offerops --help` or `offerops <command> --help` for usage."

/** The core's advice as lines: what happened, the service's words, what to do, where, and the next command. */
export const remedyLines = (remedy: Remedy): ReadonlyArray<string> => [
  remedy.what,
  ...remedy.detail.map((line) => `  ${line}`),
  remedy.todo,
  ...(remedy.partnerCenter.length === 0 ? [] : [`In Partner Center: ${remedy.partnerCenter.join(" → ")}`]),
  ...(remedy.next === undefined ? [] : nextLines(remedy.next))
]

const nextLines = Next.match({
  Watch: ({ resumeToken }) => ["Continue with:", `  offerops watch ${resumeToken}`],
  ShowOperations: ({ offer }) => ["See the offer's operations with:", `  offerops operations ${offer}`],
  Usage: () => [help]
})

/** The report of a command failure: the core's tag and fields, and advice on what to do next. */
export const reportFailure = (failure: CommandFailure): FailureReport => {
  switch (failure._tag) {
    case "UsageError":
      return { json: { _tag: "UsageError", message: failure.message }, text: [failure.message, help] }
    case "NotConfirmed":
      return { json: { _tag: "UsageError", code: "NotConfirmed", message: failure.message }, text: [failure.message, "Nothing was cancelled."] }
    case "NothingRunning": {
      const remedy = remedyOfOutcome({ _tag: "NothingRunning", offer: failure.offer })
      return { json: { _tag: "NotFound", code: "NothingRunning", message: remedy.what }, text: remedyLines(remedy) }
    }
    case "CancelUnconfirmed": {
      // For a script this is a service that did not answer (exit 9), with a code of its own.
      const remedy = remedyOf(failure)
      return { json: { _tag: "Unavailable", code: "CancelUnconfirmed", message: failure.message }, text: remedyLines(remedy) }
    }
    case "CancelNotDone": {
      const remedy = remedyOfOutcome(failure.outcome)
      return { json: { _tag: "OperationFailed", code: "CancelFailed", message: remedy.what }, text: remedyLines(remedy) }
    }
    default: {
      const remedy = remedyOf(failure)
      return {
        json: {
          _tag: failure._tag,
          ..."status" in failure && failure.status !== undefined ? { status: failure.status } : {},
          ..."code" in failure && failure.code !== undefined ? { code: failure.code } : {},
          message: failure._tag === "WaitTimeout"
            ? `${failure.message}; continue with: offerops watch ${failure.resumeToken}`
            : failure.message,
          ...failure._tag === "WaitTimeout" ? { resumeToken: failure.resumeToken } : {}
        },
        text: remedyLines(remedy)
      }
    }
  }
}

/** An effect/cli parse failure, reported as a usage error. */
export const reportCliError = (error: CliError.CliError): FailureReport => {
  const errors = error._tag === "ShowHelp" ? error.errors : [error]
  const message = errors.length === 0 ? "no command given" : errors.map((e) => e.message).join("; ")
  return { json: { _tag: "UsageError", message }, text: [message, help] }
}

export const isCliError = CliError.isCliError
