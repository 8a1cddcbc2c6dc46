/**
 * The one service every API's client is a layer of: what runs on a reference, read one of those
 * where it lives, and cancel it. Each backend speaks its API and answers in the story's shared
 * terms (Operation, CancelResult), so the story and the faces never branch on the API: `Backends`
 * routes a reference or a location to the backend that owns it.
 */
import { Context, Effect, Layer } from "effect"
import type { CancelEvidence } from "./CancelRequest.ts"
import type { CancelResult, OperationPoll } from "./CppClient.ts"
import { type HttpFailure, InvalidInput } from "./CppError.ts"
import type { Operation } from "./Operation.ts"
import { apiOf, type Api, type Reference, referenceText } from "./Reference.ts"
import { englishCoreTranslator as english, type Translator } from "./i18n/Translator.ts"

/** One thing that runs on a reference, as a person is shown it before confirming. */
export interface Running {
  readonly reference: Reference
  /** In the story's shared terms: status, kind, steps, messages; `id` is what the cancel names. */
  readonly operation: Operation
  /** Where the story reads it again (an absolute URL of its own API). */
  readonly location: string
  /** Why the service would refuse to cancel it now (published, promoted, publishing…), said before any request. */
  readonly refusal: Refusal | undefined
}

/** Why something that runs cannot be cancelled here, known before any request. */
export type Refusal =
  /** A v1.0 submission no longer in progress (published, in store). */
  | { readonly _tag: "NotInProgress"; readonly id: string; readonly state: string }
  /** A v1.0 submission publishing. */
  | { readonly _tag: "Publishing"; readonly id: string }
  /** A v1.0 submission promoted to live: not cancellable until it is live. */
  | { readonly _tag: "Promoted"; readonly id: string }
  /** A Product Ingestion submission: cancelled through its configure job, by the job's id. */
  | { readonly _tag: "ByJob"; readonly id: string }

/** The refusal in the reader's words; English by default (it is also CancelFailed's `reason`, a machine contract). */
export const refusalText = (refusal: Refusal, t: Translator = english): string => {
  switch (refusal._tag) {
    case "NotInProgress":
      return t.t("core.refusal.notInProgress", { id: refusal.id, state: refusal.state })
    case "Publishing":
      return t.t("core.refusal.publishing", { id: refusal.id })
    case "Promoted":
      return t.t("core.refusal.promoted", { id: refusal.id })
    case "ByJob":
      return t.t("core.refusal.byJob", { id: refusal.id })
  }
}

export interface BackendService {
  readonly api: Api
  /** What runs on the reference now, newest first (empty when nothing does). */
  readonly running: (reference: Reference) => Effect.Effect<ReadonlyArray<Running>, HttpFailure | InvalidInput>
  /** Whether this backend owns the location (a URL of its API). */
  readonly owns: (location: string) => boolean
  /** A location as the user or the service gave it, as the absolute URL this backend reads. */
  readonly resolveLocation: (location: string) => Effect.Effect<string, InvalidInput>
  /** One read of what runs at `location`; an operation that is gone after a cancel reads as canceled. */
  readonly pollOperation: (location: string) => Effect.Effect<OperationPoll, HttpFailure | InvalidInput>
  /**
   * One cancel request for `running`, its refusal already checked. Never retried here when its
   * answer is lost: the caller reconciles with `cancelEvidence` (see CancelRequest.ts).
   */
  readonly cancel: (running: Running) => Effect.Effect<CancelResult, HttpFailure | InvalidInput>
  /** What a fresh read of the cancelled operation says about a cancel whose answer was lost. */
  readonly cancelEvidence: (operation: Operation) => CancelEvidence
  /** The one operation a reference names, where it names one (`job:<jobId>`), for `watch`. */
  readonly locationOf?: ((reference: Reference) => string | undefined) | undefined
  /** The statuses with which this API refuses a cancel of what still runs (its answer, not a mistake of ours). */
  readonly refusalStatuses: ReadonlyArray<number>
}

/** The backend for each API, and the routing between them. */
export class Backends extends Context.Service<Backends, {
  readonly forReference: (reference: Reference) => BackendService
  readonly forLocation: (location: string) => Effect.Effect<BackendService, InvalidInput>
}>()("@offerops/core/Backends") {
  static readonly make = (backends: ReadonlyArray<BackendService>) =>
    Backends.of({
      forReference: (reference) => {
        const api = apiOf(reference)
        const backend = backends.find((candidate) => candidate.api === api)
        if (backend !== undefined) return backend
        // A composition without this API's backend is a wiring defect, not a user's mistake.
        throw new Error(`no backend for ${api} (${referenceText(reference)})`)
      },
      forLocation: (location) => {
        const backend = backends.find((candidate) => candidate.owns(location))
        return backend === undefined
          ? Effect.fail(
            new InvalidInput({
              message: `not an operation location of any API offerops is configured for (CPP_BASE_URL, PARTNER_CENTER_BASE_URL, PRODUCT_INGESTION_BASE_URL): ${
                JSON.stringify(location.slice(0, 300))
              }`,
              input: "Location"
            })
          )
          : Effect.succeed(backend)
      }
    })

  static readonly layer = (backends: ReadonlyArray<BackendService>): Layer.Layer<Backends> =>
    Layer.succeed(Backends, Backends.make(backends))
}
