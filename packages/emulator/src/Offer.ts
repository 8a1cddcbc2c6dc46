/**
 * An offer and the per-offer switches that pick which documented variant of the
 * API it speaks (cpp-api.md §6), so a client can be tested against each one.
 */
import type { StepId } from "./Steps.ts"

/** What cancel answers when nothing runs on the offer; the docs leave it open (§6.8). */
export type WhenIdle = "accepted" | "ok" | "badRequest" | "notFound" | "conflict"

export interface OfferOptions {
  /** 200 at once, or 202 with a cancel operation to poll (§3.2). Default "sync". */
  readonly cancel?: "sync" | "async"
  /** For "async": the cancel operation ends after this many polls or virtual ms, whichever comes first. */
  readonly cancelCompletesAfter?: { readonly polls?: number; readonly ms?: number }
  /** For "async": how the cancel operation ends; "failed" leaves the cancelled operation running. Default "completed". */
  readonly cancelOutcome?: "completed" | "failed"
  /** Default "accepted": the only observed behaviour of the real service (openshift-ansible). */
  readonly whenIdle?: WhenIdle
  /** Location = relative with api-version (NEWEST); Operation-Location as `operationLocationForm` says (OLD); body = `{ location }`. */
  readonly locationHeader?: "Location" | "Operation-Location" | "both" | "body"
  /**
   * The OLD pages show Operation-Location two ways: absolute without api-version (cancel, go-live; default),
   * and relative with api-version (publish: `/api/operations/contoso$…$2$preview?api-version=…`).
   */
  readonly operationLocationForm?: "absolute" | "relative"
  /** Migrated offers get `/offers/{o}/operations/{guid}`, non-migrated `/api/operations/p$o$n$slot` (§5). */
  readonly locationStyle?: "migrated" | "legacy"
  /** The GET-operation sample is a one-element array, its table an object (§6.10). */
  readonly operationBody?: "object" | "array"
  /** camel (samples), pascal (tables of the offer-status page), table ("not started", "cancelled", "complete", "blocked"). */
  readonly statusSpelling?: "camel" | "pascal" | "table"
  /** Retry-After on 202s and on polls of running operations. */
  readonly retryAfterSeconds?: number
  /** Overrides of the virtual duration of each publish step, in ms. */
  readonly stepDurationsMs?: Partial<Record<StepId, number>>
  /** Virtual ms a new operation waits, reading "notStarted", before its first step. Default 0. */
  readonly queuedMs?: number
  /** Make publishes of this offer fail when this step would have ended. */
  readonly failAtStep?: StepId
  /** Reject publish, go-live and cancel without `If-Match` with 400, as the concurrency page demands (§3.4). */
  readonly requireIfMatch?: boolean
  /** Serve only the documented surface for this offer (Surface.ts); the emulator-wide `strict` covers every offer. */
  readonly strict?: boolean
  readonly offerTypeId?: string
  readonly displayText?: string
}

export type ResolvedOfferOptions = Required<Omit<OfferOptions, "failAtStep" | "cancelCompletesAfter">> & {
  readonly failAtStep: StepId | undefined
  readonly cancelCompletesAfter: { readonly polls: number | undefined; readonly ms: number | undefined }
}

/**
 * The cancel operation ends after two polls or two virtual minutes: openshift-ansible
 * saw cancels take one to three minutes, and two polls keep tests short.
 */
const defaultCancelCompletesAfter = { polls: 2, ms: 2 * 60_000 }

export const defaultOfferOptions: ResolvedOfferOptions = {
  cancel: "sync",
  cancelCompletesAfter: defaultCancelCompletesAfter,
  cancelOutcome: "completed",
  whenIdle: "accepted",
  locationHeader: "Location",
  operationLocationForm: "absolute",
  locationStyle: "migrated",
  operationBody: "object",
  statusSpelling: "camel",
  retryAfterSeconds: 0,
  stepDurationsMs: {},
  queuedMs: 0,
  failAtStep: undefined,
  requireIfMatch: false,
  strict: false,
  offerTypeId: "microsoft-azure-virtualmachines",
  displayText: ""
}

export const resolveOfferOptions = (base: ResolvedOfferOptions, patch: OfferOptions): ResolvedOfferOptions => {
  const { cancelCompletesAfter, ...rest } = patch
  return {
    ...base,
    ...rest,
    cancelCompletesAfter: cancelCompletesAfter === undefined
      ? base.cancelCompletesAfter
      : { polls: cancelCompletesAfter.polls, ms: cancelCompletesAfter.ms }
  }
}

/** What a client writes with PUT offer and reads back: `definition` of the offer body (§2.6). */
export interface OfferDefinition {
  readonly displayText: string
  readonly offer: Readonly<Record<string, unknown>>
  readonly plans: ReadonlyArray<unknown>
}

export interface Offer {
  readonly publisherId: string
  readonly id: string
  readonly createdAt: number
  options: ResolvedOfferOptions
  /** Server-managed; goes up with each publish (§2.6). */
  version: number
  publishingVersion: number
  /** The definition of each version, oldest first; the last is the draft that PUT edits. */
  readonly versions: Array<OfferDefinition>
  /** When the offer last changed (PUT or publish), strictly increasing so that each change has its own ETag. */
  modifiedAt: number
}

/** The definition of a version, if the offer has it. */
export const definitionAt = (offer: Offer, version: number): OfferDefinition | undefined =>
  Number.isInteger(version) && version >= 1 ? offer.versions[version - 1] : undefined

export const draftOf = (offer: Offer): OfferDefinition => offer.versions[offer.versions.length - 1]!

/** The ETag clients keep for If-Match (§3.4), shaped like the PUT sample's `W/"datetime'...'"`. */
export const offerEtag = (offer: Offer): string =>
  `W/"datetime'${encodeURIComponent(new Date(offer.modifiedAt).toISOString())}'"`
