/**
 * Why a command did not succeed, and what to tell the person or program that ran it: the failures
 * the CLI adds to the core's, and for every failure its JSON error object and the advice a person
 * needs to act on it.
 */
import { type CppError, messageText, type Operation, type Translator, translator as translatorFor, type Unavailable } from "@offerops/core"
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
  offer: Schema.String,
  message: Schema.String
}) {}

/**
 * A person answered no at the confirmation prompt, so nothing was cancelled. Like a missing `--yes`,
 * the confirmation rule stopped the action: exit 2, reported as `UsageError` with code `NotConfirmed`.
 */
export class NotConfirmed extends Schema.TaggedError<NotConfirmed>()("NotConfirmed", {
  offer: Schema.String,
  message: Schema.String
}) {}

export type CommandFailure = CppError | UsageError | NothingRunning | NotConfirmed

const english = translatorFor("en")

/**
 * The report of a command failure: the core's tag and fields, and advice on what to do next. The
 * JSON object is the machine contract and stays English; the text lines are in the reader's language.
 */
export const reportFailure = (failure: CommandFailure, t: Translator = english): FailureReport => {
  const json = {
    _tag: failure._tag === "NothingRunning"
      ? "NotFound"
      : failure._tag === "NotConfirmed"
      ? "UsageError"
      : failure._tag === "CancelUnconfirmed"
      ? "Unavailable"
      : failure._tag,
    ..."status" in failure && failure.status !== undefined ? { status: failure.status } : {},
    ..."code" in failure && failure.code !== undefined ? { code: failure.code } : {},
    ...failure._tag === "NothingRunning" || failure._tag === "NotConfirmed" || failure._tag === "CancelUnconfirmed"
      ? { code: failure._tag }
      : {},
    message: failure._tag === "WaitTimeout"
      ? `${failure.message}; continue with: offerops watch ${failure.resumeToken}`
      : failure.message
  }
  return { json, text: [headline(failure, t), ...advice(failure, t)] }
}

const headline = (failure: CommandFailure, t: Translator): string => {
  switch (failure._tag) {
    case "BadRequest":
    case "Unauthorized":
    case "Forbidden":
    case "NotFound":
    case "Unavailable":
    case "InvalidResponse":
      // The service's own message and code stay as it sent them.
      return t.t("cli.failure.http", {
        message: `${failure.message}${"code" in failure && failure.code !== undefined ? ` (${failure.code})` : ""}`,
        status: failure.status ?? t.t("cli.failure.noResponse"),
        method: failure.method,
        path: failure.path
      })
    case "NothingRunning":
      return t.t("cli.failure.nothingRunning", { offer: failure.offer })
    case "NotConfirmed":
      return t.t("cli.failure.notConfirmed", { offer: failure.offer })
    case "UsageError":
      return failure.reason === "NoTerminal" ? t.t("cli.failure.noTerminal") : failure.message
    default:
      return failure.message
  }
}

const lines = (text: string) => text.split("\n")

const advice = (failure: CommandFailure, t: Translator): ReadonlyArray<string> => {
  switch (failure._tag) {
    case "InvalidInput":
    case "UsageError":
      return [t.t("cli.advice.help")]
    case "NotConfirmed":
      return [t.t("cli.advice.nothingCancelled")]
    case "NothingRunning":
      return [t.t("cli.advice.seeHistory", { offer: failure.offer })]
    case "BadRequest":
      return [t.t("cli.advice.badRequest")]
    case "Unauthorized":
      return lines(t.t("cli.advice.unauthorized"))
    case "Forbidden":
      return lines(t.t("cli.advice.forbidden"))
    case "NotFound":
      return [t.t("cli.advice.notFound")]
    case "Unavailable":
      return unavailableAdvice(failure, t)
    case "InvalidResponse":
      return [t.t("cli.advice.invalidResponse")]
    case "CancelUnconfirmed":
      return [t.t("cli.advice.cancelUnconfirmed"), `  offerops operations ${failure.offer}`]
    case "OperationFailed":
      return operationMessages(failure.operation)
    case "WaitTimeout":
      return [t.t("cli.advice.stillRunning"), `  offerops watch ${failure.resumeToken}`]
  }
}

/** Only a busy service or a lost connection passes by waiting; the rest need the user to act. */
const unavailableAdvice = (failure: Unavailable, t: Translator): ReadonlyArray<string> => {
  switch (failure.unreachable) {
    case "ConnectionRefused":
      return [t.t("cli.advice.connectionRefused")]
    case "HostNotFound":
      return [t.t("cli.advice.hostNotFound")]
    case "CertificateUntrusted":
      return lines(t.t("cli.advice.certificateUntrusted"))
    case "NoResponse":
    case "ConnectionLost":
      return [t.t("cli.advice.connectionLost")]
    case undefined:
      return [t.t("cli.advice.busy", { status: failure.status ?? t.t("cli.failure.anError") })]
  }
}

const operationMessages = (operation: Operation) =>
  (operation.messages ?? []).flatMap((message) =>
    message.messageHtml === undefined ? [] : messageText(message).split("\n").map((line) => `  ${line}`)
  )

/** An effect/cli parse failure, reported as a usage error. */
export const reportCliError = (error: CliError.CliError, t: Translator = english): FailureReport => {
  const errors = error._tag === "ShowHelp" ? error.errors : [error]
  const message = errors.length === 0 ? "no command given" : errors.map((e) => e.message).join("; ")
  // effect/cli words its parse errors in English only; the advice is the reader's.
  return { json: { _tag: "UsageError", message }, text: [message, t.t("cli.advice.help")] }
}

export const isCliError = CliError.isCliError
