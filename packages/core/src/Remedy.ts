/**
 * The one advice: for every error and every outcome, what happened, the service's own words, what
 * to do, where in Partner Center, and the command that continues — as data, so the CLI renders it
 * as text and the bot as Block Kit, and the words live once (in `texts/`).
 */
import { Schema } from "effect"
import type { CppError } from "./CppError.ts"
import { messageText, type Operation } from "./Operation.ts"
import type { Outcome } from "./Outcome.ts"
import { texts } from "./texts/en.ts"

/** A next step each face spells its own way (a CLI command, a slash command). */
export const Next = Schema.TaggedUnion({
  /** Continue the wait from this token. */
  Watch: { resumeToken: Schema.String },
  /** Look at what runs on the offer now (or how its last operation ended). */
  ShowOperations: { offer: Schema.String },
  /** Read how to write the command. */
  Usage: {}
})
export type Next = typeof Next.Type

export interface Remedy {
  /** What happened, one or two sentences. */
  readonly what: string
  /** The service's own words (status, code, message, request; or the operation's messages). */
  readonly detail: ReadonlyArray<string>
  /** What to do about it. */
  readonly todo: string
  /** Where to look in Partner Center, as the menu path. */
  readonly partnerCenter: ReadonlyArray<string>
  readonly next: Next | undefined
}

const remedy = (fields: Pick<Remedy, "what" | "todo"> & Partial<Remedy>): Remedy => ({
  detail: [],
  partnerCenter: [],
  next: undefined,
  ...fields
})

/** `403 Forbidden from GET /api/...: message`: what the service said, without any token. */
const serviceSaid = (error: {
  readonly status?: number | undefined
  readonly code?: string | undefined
  readonly method: string
  readonly path: string
  readonly message: string
}) => [`${error.status ?? "no response"}${error.code === undefined ? "" : ` ${error.code}`} from ${error.method} ${error.path}: ${error.message}`]

/** The operation's messages as plain text, errors first (what the service said about how it ended). */
export const operationMessages = (operation: Operation | undefined): ReadonlyArray<string> => {
  const messages = (operation?.messages ?? []).filter((message) => message.messageHtml !== undefined)
  const errors = messages.filter((message) => message.level?.toLowerCase() === "error")
  return (errors.length > 0 ? errors : messages).map(messageText).filter((text) => text !== "")
}

const offerOfLocation = (location: string): string | undefined => {
  const match = /\/api\/publishers\/([^/]+)\/offers\/([^/?]+)/.exec(location)
  return match === null ? undefined : `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`
}

/** The advice for an error; every tag of CppError has one (the switch is exhaustive). */
export const remedyOf = (error: CppError): Remedy => {
  switch (error._tag) {
    case "BadRequest":
    case "NotFound":
    case "InvalidResponse":
      return remedy({ ...texts.error[error._tag], detail: serviceSaid(error) })
    case "Unauthorized":
      return remedy({ ...texts.error.Unauthorized, detail: serviceSaid(error) })
    case "Forbidden":
      return remedy({ ...texts.error.Forbidden, detail: serviceSaid(error) })
    case "Unavailable":
      return remedy({
        what: texts.error.Unavailable.what,
        todo: error.unreachable === undefined
          ? texts.error.Unavailable.todo(
            error.status,
            error.retryAfterMillis === undefined ? undefined : Math.ceil(error.retryAfterMillis / 1000)
          )
          : texts.error.Unavailable[error.unreachable],
        detail: serviceSaid(error)
      })
    case "CancelUnconfirmed":
      return remedy({
        ...texts.error.CancelUnconfirmed,
        detail: [error.message],
        next: Next.cases.ShowOperations.make({ offer: error.offer })
      })
    case "OperationFailed": {
      const offer = offerOfLocation(error.location)
      return remedy({
        what: texts.error.OperationFailed.what(error.message),
        todo: texts.error.OperationFailed.todo,
        detail: operationMessages(error.operation),
        partnerCenter: texts.partnerCenterOffer(offer),
        next: offer === undefined ? undefined : Next.cases.ShowOperations.make({ offer })
      })
    }
    case "WaitTimeout":
      return remedy({
        ...texts.error.WaitTimeout,
        detail: [error.message],
        next: Next.cases.Watch.make({ resumeToken: error.resumeToken })
      })
    case "InvalidInput":
      return remedy({
        what: texts.error.InvalidInput.what(error.message),
        todo: texts.error.InvalidInput.todo,
        next: Next.cases.Usage.make({})
      })
  }
}

/** What an outcome means for a person, and what to do next. */
export const remedyOfOutcome = (outcome: Outcome): Remedy => {
  switch (outcome._tag) {
    case "Canceled":
      return remedy({ what: texts.outcome.Canceled.what(outcome.offer, outcome.operation), todo: texts.outcome.Canceled.todo })
    case "EndedFirst":
      return remedy({
        what: texts.outcome.EndedFirst.what(outcome.offer, outcome.operation),
        todo: texts.outcome.EndedFirst.todo(outcome.operation),
        detail: outcome.operation.state === "failed" ? operationMessages(outcome.operation) : [],
        partnerCenter: texts.partnerCenterOffer(outcome.offer)
      })
    case "CancelFailed":
      return remedy({
        what: texts.outcome.CancelFailed.what(outcome.offer, outcome.operation),
        todo: texts.outcome.CancelFailed.todo,
        detail: operationMessages(outcome.cancelOperation),
        partnerCenter: texts.partnerCenterOffer(outcome.offer),
        next: Next.cases.ShowOperations.make({ offer: outcome.offer })
      })
    case "NothingRunning":
      return remedy({
        what: texts.outcome.NothingRunning.what(outcome.offer),
        todo: texts.outcome.NothingRunning.todo,
        next: Next.cases.ShowOperations.make({ offer: outcome.offer })
      })
    case "Accepted":
      return remedy({
        what: texts.outcome.Accepted.what(outcome.offer),
        todo: texts.outcome.Accepted.todo,
        next: Next.cases.Watch.make({ resumeToken: outcome.resumeToken })
      })
  }
}
