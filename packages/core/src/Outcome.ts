/**
 * How a cancellation ended, as one closed type decided here from what the service reported, so
 * every face tells the same story. Faces render it with `Outcome.match`, which fails to compile
 * when a case is added until each face handles it.
 */
import { Schema } from "effect"
import type { CancelResult } from "./CppClient.ts"
import { Operation, Submission } from "./Operation.ts"
import type { Progress } from "./Progress.ts"

/** The service says the operation is cancelled. `operation` is absent only after a 200 for an operation that cannot be read. */
export const Canceled = Schema.TaggedStruct("Canceled", {
  offer: Schema.String,
  /** The cancel request's own operation, after a 202 that named one. */
  cancelLocation: Schema.optional(Schema.String),
  location: Schema.optional(Schema.String),
  operation: Schema.optional(Operation)
})

/** The operation completed, or failed, on its own before the cancel took effect: nothing was cancelled. */
export const EndedFirst = Schema.TaggedStruct("EndedFirst", {
  offer: Schema.String,
  location: Schema.String,
  /** The operation as it ended (`state` completed or failed). */
  operation: Operation
})

/** The cancel itself failed (or did not take): the operation still runs. */
export const CancelFailed = Schema.TaggedStruct("CancelFailed", {
  offer: Schema.String,
  /** The operation that still runs. */
  location: Schema.String,
  operation: Schema.optional(Operation),
  /** The cancel request's own operation as it ended, after a 202. */
  cancelLocation: Schema.optional(Schema.String),
  cancelOperation: Schema.optional(Operation),
  /** Why the cancel was refused: the service's words, or why offerops sent none (published, publishing…). */
  reason: Schema.optional(Schema.String)
})

/** Nothing ran on the offer, so no cancel was sent. */
export const NothingRunning = Schema.TaggedStruct("NothingRunning", {
  offer: Schema.String
})

/** The service accepted the cancel (202) and nobody waited for its end: follow it with `resumeToken`. */
export const Accepted = Schema.TaggedStruct("Accepted", {
  offer: Schema.String,
  location: Schema.String,
  resumeToken: Schema.String
})

/**
 * What runs is no longer the operation that was confirmed. Re-read just before the cancel: no cancel
 * was sent (`running` is what runs now, if anything). After a cancel: the service cancelled
 * `canceledInstead`, not the confirmed operation, which had ended on its own.
 */
export const OperationChanged = Schema.TaggedStruct("OperationChanged", {
  offer: Schema.String,
  /** The confirmed operation. */
  location: Schema.String,
  operationId: Schema.String,
  /** The confirmed operation as last read, when it was. */
  operation: Schema.optional(Operation),
  running: Schema.optional(Submission),
  canceledInstead: Schema.optional(Submission)
})

export const Outcome = Schema.Union([Canceled, EndedFirst, CancelFailed, NothingRunning, Accepted, OperationChanged]).pipe(
  Schema.toTaggedUnion("_tag")
)
export type Outcome = typeof Outcome.Type

/** What a cancellation's progress last said about each operation it followed. */
export interface LastSeen {
  /** The cancel request's own operation, after a 202. */
  readonly cancel?: Progress | undefined
  /** The operation being cancelled. */
  readonly operation?: Progress | undefined
}

/** Remembers the last element of each subject, as a fold over a cancellation's progress. */
export const lastSeen = (seen: LastSeen, progress: Progress): LastSeen =>
  progress.subject === "cancel" ? { ...seen, cancel: progress } : { ...seen, operation: progress }

/**
 * The one rule for what a followed cancellation means. The service's word on the cancelled
 * operation decides: `canceled` is Canceled, `completed` or `failed` is EndedFirst. A failed cancel
 * operation, or an operation that still runs, is CancelFailed. Without any read of the operation,
 * the service's own answer (a 200, or a cancel operation that completed) is the confirmation.
 */
export const decideOutcome = (offer: string, result: CancelResult, seen: LastSeen, operationLocation: string): Outcome => {
  const { cancel, operation } = seen
  const cancelFields = cancel === undefined ? {} : { cancelLocation: cancel.location }
  if (cancel?.operation.state === "failed") {
    return Outcome.cases.CancelFailed.make({
      offer,
      location: operation?.location ?? operationLocation,
      ...(operation === undefined ? {} : { operation: operation.operation }),
      ...cancelFields,
      cancelOperation: cancel.operation
    })
  }
  if (operation === undefined) {
    return Outcome.cases.Canceled.make({
      offer,
      ...(result._tag === "Accepted" ? cancelFields : {})
    })
  }
  switch (operation.operation.state) {
    case "canceled":
      return Outcome.cases.Canceled.make({ offer, ...cancelFields, location: operation.location, operation: operation.operation })
    case "completed":
    case "failed":
      return Outcome.cases.EndedFirst.make({ offer, location: operation.location, operation: operation.operation })
    case "notStarted":
    case "running":
    case "unknown":
      return Outcome.cases.CancelFailed.make({
        offer,
        location: operation.location,
        operation: operation.operation,
        ...cancelFields,
        ...(cancel === undefined ? {} : { cancelOperation: cancel.operation })
      })
  }
}
