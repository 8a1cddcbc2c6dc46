/**
 * Why a command did not succeed, and what to tell the person or program that ran it: the failures
 * the CLI adds to the core's, and for every failure its JSON error object and the advice a person
 * needs to act on it.
 */
import { type CppError, messageText, type Operation, type Unavailable } from "@offerops/core"
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

const help = "Run `offerops --help` or `offerops <command> --help` for usage."

/** The report of a command failure: the core's tag and fields, and advice on what to do next. */
export const reportFailure = (failure: CommandFailure): FailureReport => {
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
  return { json, text: [headline(failure), ...advice(failure)] }
}

const headline = (failure: CommandFailure): string => {
  switch (failure._tag) {
    case "BadRequest":
    case "Unauthorized":
    case "Forbidden":
    case "NotFound":
    case "Unavailable":
    case "InvalidResponse":
      return `${failure.message}${"code" in failure && failure.code !== undefined ? ` (${failure.code})` : ""} — ${
        failure.status ?? "no response"
      } from ${failure.method} ${failure.path}`
    default:
      return failure.message
  }
}

const advice = (failure: CommandFailure): ReadonlyArray<string> => {
  switch (failure._tag) {
    case "InvalidInput":
    case "UsageError":
      return [help]
    case "NotConfirmed":
      return ["Nothing was cancelled."]
    case "NothingRunning":
      return [`Nothing was cancelled. See the offer's history with: offerops operations ${failure.offer}`]
    case "BadRequest":
      return ["The service refused the request as malformed. Check the ids and --api-version (default 2017-10-31)."]
    case "Unauthorized":
      return [
        "No valid token. Set CPP_TOKEN, or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a",
        "service principal, or sign in with `az login`; then check that the token is for https://cloudpartner.azure.com."
      ]
    case "Forbidden":
      return [
        "The service principal lacks access to this publisher. In Partner Center, add its Entra app under",
        "Account settings → User management → Azure AD applications (role Developer or Manager), and check the publisherId."
      ]
    case "NotFound":
      return ["Check the publisherId, offerId and operation id (they are case-sensitive)."]
    case "Unavailable":
      return unavailableAdvice(failure)
    case "InvalidResponse":
      return ["The service answered in a form offerops does not understand. Run again with --verbose and report it."]
    case "CancelUnconfirmed":
      return [
        "Its answer to the cancel was lost. See what the service shows before cancelling again:",
        `  offerops operations ${failure.offer}`
      ]
    case "OperationFailed":
      return operationMessages(failure.operation)
    case "WaitTimeout":
      return [
        "The operation is still running; nothing was lost. To keep waiting, run:",
        `  offerops watch ${failure.resumeToken}`
      ]
  }
}

/** Only a busy service or a lost connection passes by waiting; the rest need the user to act. */
const unavailableAdvice = (failure: Unavailable): ReadonlyArray<string> => {
  switch (failure.unreachable) {
    case "ConnectionRefused":
      return ["Nothing is listening at the base URL. Check --base-url / CPP_BASE_URL (and that the emulator runs, if it is one)."]
    case "HostNotFound":
      return ["The host name does not resolve. Check --base-url / CPP_BASE_URL for a typo, then your DNS or network."]
    case "CertificateUntrusted":
      return [
        "This machine does not trust the server's certificate. For the emulator's --https, run with",
        "NODE_EXTRA_CA_CERTS=<its certificate file>; behind a TLS-inspecting proxy, with that proxy's CA instead."
      ]
    case "NoResponse":
    case "ConnectionLost":
      return ["The connection failed or went unanswered. Check the network and the base URL, then try again; --verbose shows each request."]
    case undefined:
      return [`The service answered ${failure.status ?? "with an error"} after several retries: it is busy or down. Try again later.`]
  }
}

const operationMessages = (operation: Operation) =>
  (operation.messages ?? []).flatMap((message) =>
    message.messageHtml === undefined ? [] : messageText(message).split("\n").map((line) => `  ${line}`)
  )

/** An effect/cli parse failure, reported as a usage error. */
export const reportCliError = (error: CliError.CliError): FailureReport => {
  const errors = error._tag === "ShowHelp" ? error.errors : [error]
  const message = errors.length === 0 ? "no command given" : errors.map((e) => e.message).join("; ")
  return { json: { _tag: "UsageError", message }, text: [message, help] }
}

export const isCliError = CliError.isCliError
