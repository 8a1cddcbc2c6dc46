/**
 * The fixed map from failure to process exit code. Scripts branch on these numbers, so the map is
 * a closed record over every tag a command can fail with: a new core error without a code here
 * does not compile.
 */
import { Outcome } from "@offerops/core"
import { Runtime } from "effect"
import type { CommandFailure } from "./Failure.ts"

export const success = 0
export const unexpected = 1
export const usage = 2
/** The operation completed or failed on its own before the cancel took effect: nothing was cancelled. */
export const endedFirst = 11
/** What runs is no longer the operation confirmed: no cancel was sent (or it stopped another one). */
export const operationChanged = 12

const byTag: Record<CommandFailure["_tag"], number> = {
  InvalidInput: usage,
  UsageError: usage,
  NotConfirmed: usage,
  BadRequest: 3,
  Unauthorized: 4,
  Forbidden: 5,
  NotFound: 6,
  NothingRunning: 6,
  OperationFailed: 7,
  CancelNotDone: 7,
  WaitTimeout: 8,
  Unavailable: 9,
  CancelUnconfirmed: 9,
  InvalidResponse: 10
}

export const exitCodeOf = (failure: CommandFailure): number => byTag[failure._tag]

/** The exit code of a cancellation's outcome; a new outcome without one does not compile. */
export const exitCodeOfOutcome = Outcome.match({
  Canceled: () => success,
  Accepted: () => success,
  EndedFirst: () => endedFirst,
  CancelFailed: () => byTag.CancelNotDone,
  NothingRunning: () => byTag.NothingRunning,
  OperationChanged: () => operationChanged
})

/**
 * A failure already reported on stdout/stderr: the runtime ends the process with its code and
 * prints nothing more, so expected failures never show a stack trace.
 */
export class Reported {
  readonly [Runtime.errorExitCode]: number
  readonly [Runtime.errorReported] = true
  constructor(code: number) {
    this[Runtime.errorExitCode] = code
  }
}
