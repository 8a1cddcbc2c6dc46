/**
 * The one advice: for every error and every outcome, what happened, the service's own words, what
 * to do, where in Partner Center, and the command that continues — as data, so the CLI renders it
 * as text and the bot as Block Kit, and the words live once (in the catalogue, `i18n/`). English by
 * default: JSON `message` fields are a machine contract and take the English sentences.
 */
import { Schema } from "effect"
import { isLoopbackBaseUrl } from "./CppConfig.ts"
import type { CppError, InvalidInput, Unauthorized } from "./CppError.ts"
import { messageText, type Operation } from "./Operation.ts"
import type { Outcome } from "./Outcome.ts"
import { resumeTokenPrefix } from "./ResumeToken.ts"
import { operationKind } from "./i18n/Terms.ts"
import { englishCoreTranslator as english, type Translator } from "./i18n/Translator.ts"

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
}) => {
  // A message of several lines (a credential chain's causes) keeps each as a line of its own.
  const [first = "", ...rest] = error.message.split("\n")
  return [`${error.status ?? "no response"}${error.code === undefined ? "" : ` ${error.code}`} from ${error.method} ${error.path}: ${first}`, ...rest]
}

/** The operation's messages as plain text, errors first (what the service said about how it ended). */
const operationMessages = (operation: Operation | undefined): ReadonlyArray<string> => {
  const messages = (operation?.messages ?? []).filter((message) => message.messageHtml !== undefined)
  const errors = messages.filter((message) => message.level?.toLowerCase() === "error")
  return (errors.length > 0 ? errors : messages).map(messageText).filter((text) => text !== "")
}

/** `publish 4b1e…` in the reader's words; "operation" when the service did not say which. */
export const operationName = (t: Translator, operation: Pick<Operation, "submissionType" | "id"> | undefined): string =>
  t.t("core.operation", {
    kind: operationKind(operation?.submissionType),
    raw: operation?.submissionType ?? "",
    id: operation?.id ?? "none"
  })

const partnerCenterOffer = (t: Translator, offer: string | undefined): ReadonlyArray<string> => [
  t.t("core.partnerCenter.marketplaceOffers"),
  t.t("core.partnerCenter.offer", { offer: offer ?? "none" }),
  t.t("core.partnerCenter.offerOverview")
]

const offerOfLocation = (location: string): string | undefined => {
  const match = /\/api\/publishers\/([^/]+)\/offers\/([^/?]+)/.exec(location)
  return match === null ? undefined : `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`
}

/** The advice for an error; every tag of CppError has one (the switch is exhaustive). */
export const remedyOf = (error: CppError, t: Translator = english): Remedy => {
  switch (error._tag) {
    case "Unauthorized":
      return unauthorizedRemedy(error, t)
    case "BadRequest":
    case "NotFound":
    case "InvalidResponse":
      return remedy({
        what: t.t(`core.error.${error._tag}.what`),
        todo: t.t(`core.error.${error._tag}.todo`),
        detail: serviceSaid(error)
      })
    case "Forbidden":
      return remedy({
        what: t.t("core.error.Forbidden.what"),
        todo: t.t("core.error.Forbidden.todo"),
        detail: serviceSaid(error),
        partnerCenter: [
          t.t("core.partnerCenter.accountSettings"),
          t.t("core.partnerCenter.userManagement"),
          t.t("core.partnerCenter.aadApplications")
        ]
      })
    case "Unavailable":
      return remedy({
        // The transport knows when a request never left: then nothing can have changed.
        what: error.sent === false ? t.t("core.error.Unavailable.notSent") : t.t("core.error.Unavailable.what"),
        // Only a busy service or a lost connection passes by waiting; the rest need someone to act.
        todo: error.unreachable === undefined
          ? t.t("core.error.Unavailable.todo", {
            status: error.status === undefined ? "none" : String(error.status),
            seconds: error.retryAfterMillis === undefined ? "none" : String(Math.ceil(error.retryAfterMillis / 1000))
          })
          : t.t(`core.error.Unavailable.${error.unreachable === "NoResponse" ? "ConnectionLost" : error.unreachable}`),
        detail: serviceSaid(error)
      })
    case "CancelUnconfirmed":
      return remedy({
        what: t.t("core.error.CancelUnconfirmed.what"),
        todo: t.t("core.error.CancelUnconfirmed.todo"),
        detail: [error.message],
        next: Next.cases.ShowOperations.make({ offer: error.offer })
      })
    case "OperationFailed": {
      const offer = offerOfLocation(error.location)
      return remedy({
        // The error's message (the service's or the core's English words; it is also the JSON message).
        what: error.message,
        todo: t.t("core.error.OperationFailed.todo"),
        detail: operationMessages(error.operation),
        partnerCenter: partnerCenterOffer(t, offer),
        next: offer === undefined ? undefined : Next.cases.ShowOperations.make({ offer })
      })
    }
    case "WaitTimeout":
      return remedy({
        what: t.t("core.error.WaitTimeout.what"),
        todo: t.t("core.error.WaitTimeout.todo"),
        detail: [error.message],
        next: Next.cases.Watch.make({ resumeToken: error.resumeToken })
      })
    case "InvalidInput":
      return remedy({
        what: error.message,
        todo: invalidInputTodo(error, t),
        next: Next.cases.Usage.make({})
      })
  }
}

/** No credentials at all, a token the emulator no longer knows, or a token the service refused. */
const unauthorizedRemedy = (error: Unauthorized, t: Translator): Remedy => {
  const emulator = error.baseUrl !== undefined && isLoopbackBaseUrl(error.baseUrl)
  if (error.code === "NoCredentials") {
    return remedy({
      what: t.t("core.error.Unauthorized.NoCredentials.what", { baseUrl: error.baseUrl ?? "none" }),
      detail: [t.t("core.error.Unauthorized.NoCredentials.tried"), ...(error.tried ?? []).map((line) => `  ${line}`)],
      todo: emulator
        ? t.t("core.error.Unauthorized.emulator.todo", { baseUrl: error.baseUrl ?? "" })
        : t.t("core.error.Unauthorized.NoCredentials.todo")
    })
  }
  return remedy({
    what: t.t("core.error.Unauthorized.what"),
    todo: emulator && error.status === 401
      ? t.t("core.error.Unauthorized.emulator.todo", { baseUrl: error.baseUrl ?? "" })
      : t.t("core.error.Unauthorized.todo"),
    detail: serviceSaid(error)
  })
}

/** The accepted forms of the input that was wrong. */
const invalidInputTodo = (error: InvalidInput, t: Translator): string =>
  error.input === undefined
    ? t.t("core.error.InvalidInput.todo")
    : error.input === "ResumeToken"
    ? t.t("core.error.InvalidInput.ResumeToken.todo", { prefix: resumeTokenPrefix })
    : t.t(`core.error.InvalidInput.${error.input}.todo`)

/** What an outcome means for a person, and what to do next. */
export const remedyOfOutcome = (outcome: Outcome, t: Translator = english): Remedy => {
  switch (outcome._tag) {
    case "Canceled":
      return remedy({
        what: t.t("core.outcome.Canceled.what", {
          offer: outcome.offer,
          operation: outcome.operation === undefined ? "none" : operationName(t, outcome.operation)
        }),
        todo: t.t("core.outcome.Canceled.todo")
      })
    case "EndedFirst": {
      const failed = outcome.operation.state === "failed"
      return remedy({
        what: t.t("core.outcome.EndedFirst.what", {
          offer: outcome.offer,
          operation: operationName(t, outcome.operation),
          state: failed ? "failed" : "completed"
        }),
        todo: t.t(failed ? "core.outcome.EndedFirst.failed.todo" : "core.outcome.EndedFirst.completed.todo"),
        detail: failed ? operationMessages(outcome.operation) : [],
        partnerCenter: partnerCenterOffer(t, outcome.offer)
      })
    }
    case "CancelFailed":
      return remedy({
        what: t.t("core.outcome.CancelFailed.what", { offer: outcome.offer, operation: operationName(t, outcome.operation) }),
        todo: t.t("core.outcome.CancelFailed.todo"),
        detail: [...(outcome.reason === undefined ? [] : [outcome.reason]), ...operationMessages(outcome.cancelOperation)],
        partnerCenter: partnerCenterOffer(t, outcome.offer),
        next: Next.cases.ShowOperations.make({ offer: outcome.offer })
      })
    case "NothingRunning":
      return remedy({
        what: t.t("core.outcome.NothingRunning.what", { offer: outcome.offer }),
        todo: t.t("core.outcome.NothingRunning.todo"),
        next: Next.cases.ShowOperations.make({ offer: outcome.offer })
      })
    case "Accepted":
      return remedy({
        what: t.t("core.outcome.Accepted.what", { offer: outcome.offer }),
        todo: t.t("core.outcome.Accepted.todo"),
        next: Next.cases.Watch.make({ resumeToken: outcome.resumeToken })
      })
    case "OperationChanged": {
      const confirmed = operationName(t, outcome.operation ?? { id: outcome.operationId, submissionType: undefined })
      if (outcome.canceledInstead !== undefined) {
        const running = operationName(t, outcome.canceledInstead)
        return remedy({
          what: t.t("core.outcome.OperationChanged.instead.what", { offer: outcome.offer, operation: confirmed, running }),
          todo: t.t("core.outcome.OperationChanged.instead.todo", { running }),
          partnerCenter: partnerCenterOffer(t, outcome.offer),
          next: Next.cases.ShowOperations.make({ offer: outcome.offer })
        })
      }
      return remedy({
        what: t.t("core.outcome.OperationChanged.what", {
          offer: outcome.offer,
          operation: confirmed,
          running: outcome.running === undefined ? "none" : operationName(t, outcome.running)
        }),
        todo: t.t("core.outcome.OperationChanged.todo"),
        next: Next.cases.ShowOperations.make({ offer: outcome.offer })
      })
    }
  }
}
