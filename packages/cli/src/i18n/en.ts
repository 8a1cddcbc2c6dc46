/**
 * English: the CLI's text output, prompts and advice lines, and the reference its other languages and its callers are checked against.
 * The core's messages and terms are in @offerops/core's catalogue; this one holds only the CLI's own.
 */
export const en = {
  "cli.operation.noId": "(no id)",
  "cli.operation.line": "{kind} {id} {status}",
  "cli.operation.step": " · step {index}/{total} {name}",
  "cli.table.id": "ID",
  "cli.table.type": "TYPE",
  "cli.table.status": "STATUS",
  "cli.table.version": "VERSION",
  "cli.table.slot": "SLOT",
  "cli.table.changed": "CHANGED",
  "cli.operations.none": "no operations on {offer}",
  "cli.operations.noneWithStatus": "no operations on {offer} with status {status}",
  "cli.watch.watching": "Watching an operation on {offer}.",
  "cli.watch.done": "Done: {operation}",
  "cli.follow.stopped": "Stopped waiting; the operation goes on at the service. Continue with:",
  "cli.cancel.running": "Running on {offer}: {submission}",
  "cli.cancel.version": "version {version}",
  "cli.cancel.since": "since {time}",
  "cli.cancel.note": "Note: {warning}.",
  "cli.cancel.prompt": "Cancel {kind} {id} on {offer}? [y/N] ",
  "cli.cancel.canceledAtOnce": "The service cancelled it at once (200).",
  "cli.cancel.accepted": "The service accepted the cancel (202).",
  "cli.cancel.acceptedAt": "The service accepted the cancel (202); its operation is {location}.",
  "cli.cancel.canceledOn": "Cancelled on {offer}.",
  "cli.cancel.canceledWhat": "Cancelled {kind} {id} on {offer}.",
  "cli.error": "error: {message}",
  "cli.failure.notConfirmed": "not confirmed: nothing was cancelled on {offer}",
  "cli.failure.noTerminal": "refusing to cancel without confirmation: stdin is not a terminal; pass --yes to cancel anyway",
  "cli.failure.unexpected": "unexpected failure: {details}",
  "cli.advice.help": "Run `offerops --help` or `offerops <command> --help` for usage.",
  "cli.advice.nothingCancelled": "Nothing was cancelled.",
  "cli.remedy.partnerCenter": "In Partner Center: {path}",
  "cli.remedy.continueWith": "Continue with:",
  "cli.remedy.seeOperations": "See the offer's operations with:",
  "cli.cancel.answerLost": "The service's answer to the cancel was lost; it shows {kind} {id} {status}, so no second cancel was sent.",
  "cli.cancel.changed": "changed {time}"
} as const

/** A catalogue for another language: every English key, each with its own text. */
export type Catalogue = { readonly [K in keyof typeof en]: string }
