/**
 * Why a command did not succeed, and what to tell the person or program that ran it: the failures
 * the CLI adds to the core's, and for every failure its JSON error object and the core's advice
 * rendered as lines of text.
 */
import {
  CancelFailed,
  type CppError,
  escapeControls,
  Next,
  type Remedy,
  remedyOf,
  remedyOfOutcome,
  type Translator
} from "@offerops/core"
import { Schema } from "effect"
import { CliError } from "effect/cli"
import type { FailureReport } from "./Output.ts"

/** The invocation cannot be acted on as given (e.g. no `--yes` and no terminal to ask on). */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String,
  /** Which rule refused, so the text can say it in the reader's language (the JSON keeps `message`). */
  reason: Schema.optional(Schema.Literal("NoTerminal"))
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

/**
 * The core's advice as lines: what happened, the service's words, what to do, where, and the next
 * command, in the reader's language (the remedy is asked for in it).
 */
export const remedyLines = (remedy: Remedy, t: Translator): ReadonlyArray<string> =>
  // The service's words are inside every line (ids, messages, offers): inert before any colour.
  [
    remedy.what,
    ...remedy.detail.map((line) => `  ${line}`),
    remedy.todo,
    ...(remedy.partnerCenter.length === 0 ? [] : [t.t("cli.remedy.partnerCenter", { path: remedy.partnerCenter.join(" → ") })]),
    ...(remedy.next === undefined ? [] : nextLines(remedy.next, t))
  ].map(escapeControls)

const nextLines = (next: Next, t: Translator): ReadonlyArray<string> =>
  Next.match({
    Watch: ({ resumeToken }): ReadonlyArray<string> => [t.t("cli.remedy.continueWith"), `  offerops watch ${resumeToken}`],
    ShowOperations: ({ offer }): ReadonlyArray<string> => [t.t("cli.remedy.seeOperations"), `  offerops operations ${offer}`],
    Usage: (): ReadonlyArray<string> => [t.t("cli.advice.help")]
  })(next)

/**
 * The report of a command failure: the core's tag and fields, and advice on what to do next. The
 * JSON object is the machine contract and stays English; the text lines are in the reader's language.
 */
export const reportFailure = (failure: CommandFailure, t: Translator): FailureReport => {
  const lines = (remedy: Remedy) => remedyLines(remedy, t)
  switch (failure._tag) {
    case "UsageError":
      return {
        json: { _tag: "UsageError", message: failure.message },
        text: [failure.reason === "NoTerminal" ? t.t("cli.failure.noTerminal") : escapeControls(failure.message), t.t("cli.advice.help")]
      }
    case "NotConfirmed":
      return {
        json: { _tag: "UsageError", code: "NotConfirmed", message: failure.message },
        text: [escapeControls(t.t("cli.failure.notConfirmed", { offer: failure.offer })), t.t("cli.advice.nothingCancelled")]
      }
    case "NothingRunning": {
      // The JSON message is the English sentence whatever the reader's language.
      const outcome = { _tag: "NothingRunning", offer: failure.offer } as const
      return {
        json: { _tag: "NotFound", code: "NothingRunning", message: remedyOfOutcome(outcome).what },
        text: lines(remedyOfOutcome(outcome, t))
      }
    }
    case "CancelUnconfirmed": {
      // For a script this is a service that did not answer (exit 9), with a code of its own.
      return { json: { _tag: "Unavailable", code: "CancelUnconfirmed", message: failure.message }, text: lines(remedyOf(failure, t)) }
    }
    case "CancelNotDone": {
      return {
        json: { _tag: "OperationFailed", code: "CancelFailed", message: remedyOfOutcome(failure.outcome).what },
        text: lines(remedyOfOutcome(failure.outcome, t))
      }
    }
    default: {
      const remedy = remedyOf(failure, t)
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
        text: lines(remedy)
      }
    }
  }
}

/** An effect/cli parse failure, reported as a usage error. */
export const reportCliError = (error: CliError.CliError, t: Translator): FailureReport => {
  const errors = error._tag === "ShowHelp" ? error.errors : [error]
  const message = errors.length === 0 ? "no command given" : errors.map((e) => e.message).join("; ")
  // effect/cli words its parse errors in English only; the advice is the reader's.
  return { json: { _tag: "UsageError", message }, text: [escapeControls(message), t.t("cli.advice.help")] }
}

export const isCliError = CliError.isCliError
