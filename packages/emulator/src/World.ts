/**
 * Everything the emulated service knows: publishers, offers and operations, and
 * the rules that change them (one running operation per offer, idempotent
 * publish, synchronous or asynchronous cancel). Reads never mutate, except that
 * polling a cancel operation counts towards its end.
 */
import { randomUUID } from "node:crypto"
import type { VirtualClock } from "./Clock.ts"
import {
  defaultOfferOptions,
  draftOf,
  type Offer,
  type OfferDefinition,
  offerEtag,
  type OfferOptions,
  resolveOfferOptions
} from "./Offer.ts"
import {
  awaitsSignoff,
  type CancelEnd,
  cancelEnd,
  isTerminal,
  type Operation,
  type OperationKind,
  type OperationState,
  stateAt
} from "./Operation.ts"
import { planFor } from "./Steps.ts"

export type StartOutcome =
  | { readonly _tag: "Started"; readonly operation: Operation }
  /** A publish of the latest version is already running: the docs call publish idempotent (§2.3). */
  | { readonly _tag: "AlreadyRunning"; readonly operation: Operation }
  | { readonly _tag: "Conflict"; readonly running: Operation }

export type PutOutcome =
  | { readonly _tag: "Created"; readonly offer: Offer }
  | { readonly _tag: "Updated"; readonly offer: Offer }
  /** If-Match named an ETag the offer no longer has (or, for a new offer, any ETag but `*`). */
  | { readonly _tag: "PreconditionFailed" }

/** The documented slots of an offer (§2.6); the mapping to operations is the emulator's reading (§6.11). */
export type Slot = "Draft" | "Preview" | "Production"

/** A publisher as `GET /api/publishers` returns it ([3rd-party] devigned/pub reads `definition`). */
export interface Publisher {
  readonly id: string
  readonly displayText: string
  readonly sellerId: number
}

export type CancelOutcome =
  | { readonly _tag: "Canceled"; readonly target: Operation }
  | { readonly _tag: "Cancelling"; readonly cancelOperation: Operation }
  | { readonly _tag: "Idle" }

export class World {
  readonly #clock: VirtualClock
  readonly #publishers = new Map<string, Map<string, Offer>>()
  readonly #publisherDetails = new Map<string, Publisher>()
  readonly #operations = new Map<string, Operation>()
  readonly #legacyIds = new Map<string, string>()
  #sequence = 0

  constructor(clock: VirtualClock) {
    this.#clock = clock
  }

  addPublisher(publisherId: string, details: { readonly displayText?: string } = {}): void {
    if (!this.#publishers.has(publisherId)) this.#publishers.set(publisherId, new Map())
    const known = this.#publisherDetails.get(publisherId)
    this.#publisherDetails.set(publisherId, {
      id: publisherId,
      displayText: details.displayText ?? known?.displayText ?? publisherId,
      // A stable number per publisher, like the seller ids of Partner Center accounts.
      sellerId: known?.sellerId ?? 100_000 + this.#publisherDetails.size
    })
  }

  publisher(publisherId: string): Publisher | undefined {
    return this.#publisherDetails.get(publisherId)
  }

  publisherIds(): ReadonlyArray<string> {
    return [...this.#publishers.keys()]
  }

  hasPublisher(publisherId: string): boolean {
    return this.#publishers.has(publisherId)
  }

  addOffer(publisherId: string, offerId: string, options: OfferOptions = {}): Offer {
    this.addPublisher(publisherId)
    const offers = this.#publishers.get(publisherId)!
    const existing = offers.get(offerId)
    if (existing !== undefined) return this.#configure(existing, options)
    const resolved = resolveOfferOptions({ ...defaultOfferOptions, displayText: offerId }, options)
    const offer: Offer = {
      publisherId,
      id: offerId,
      createdAt: this.#clock.now(),
      options: resolved,
      version: 1,
      publishingVersion: 0,
      versions: [{ displayText: resolved.displayText, offer: {}, plans: [] }],
      modifiedAt: this.#clock.now()
    }
    offers.set(offerId, offer)
    return offer
  }

  configureOffer(publisherId: string, offerId: string, options: OfferOptions): Offer {
    const offer = this.offer(publisherId, offerId)
    if (offer === undefined) throw new Error(`No offer ${publisherId}/${offerId}`)
    return this.#configure(offer, options)
  }

  #configure(offer: Offer, options: OfferOptions): Offer {
    offer.options = resolveOfferOptions(offer.options, options)
    if (options.displayText !== undefined) offer.versions.push({ ...offer.versions.pop()!, displayText: options.displayText })
    return offer
  }

  /**
   * PUT offer (§2.6, §3.4): `If-Match: *` overwrites; an ETag must be the
   * offer's current one, else nothing changes (412). A new offer is created.
   */
  putOffer(publisherId: string, offerId: string, definition: OfferDefinition, ifMatch: string): PutOutcome {
    const existing = this.offer(publisherId, offerId)
    if (existing === undefined) {
      if (ifMatch !== "*") return { _tag: "PreconditionFailed" }
      const offer = this.addOffer(publisherId, offerId, { displayText: definition.displayText })
      offer.versions.splice(0, 1, definition)
      return { _tag: "Created", offer }
    }
    if (ifMatch !== "*" && ifMatch !== offerEtag(existing)) return { _tag: "PreconditionFailed" }
    existing.versions.splice(existing.versions.length - 1, 1, definition)
    this.#touch(existing)
    return { _tag: "Updated", offer: existing }
  }

  /**
   * The version a slot holds, if any: the draft always; the preview once a
   * publish reached sign-off; production once a go-live completed.
   */
  slotVersion(offer: Offer, slot: Slot): number | undefined {
    if (slot === "Draft") return offer.version
    const reached = this.submissions(offer).find((op) => {
      const state = this.stateOf(op)
      if (slot === "Production") return op.kind === "golive" && state.status === "completed"
      return op.kind === "publish" &&
        state.steps.some((step) => step.plan.id === "publisher-signoff" && (step.status === "running" || step.status === "completed"))
    })
    return reached?.offerVersion
  }

  #touch(offer: Offer): void {
    offer.modifiedAt = Math.max(this.#clock.now(), offer.modifiedAt + 1)
  }

  offers(publisherId: string): ReadonlyArray<Offer> {
    return [...(this.#publishers.get(publisherId)?.values() ?? [])]
  }

  offer(publisherId: string, offerId: string): Offer | undefined {
    return this.#publishers.get(publisherId)?.get(offerId)
  }

  operation(id: string): Operation | undefined {
    return this.#operations.get(id)
  }

  operationByLegacyId(legacyId: string): Operation | undefined {
    const id = this.#legacyIds.get(legacyId)
    return id === undefined ? undefined : this.#operations.get(id)
  }

  /** Publish and go-live operations of an offer, newest first; cancel operations are not submissions. */
  submissions(offer: Offer): ReadonlyArray<Operation> {
    return [...this.#operations.values()]
      .filter((op) => op.publisherId === offer.publisherId && op.offerId === offer.id && op.kind !== "cancel")
      .sort(newestFirst)
  }

  stateOf(op: Operation): OperationState {
    return stateAt(op, this.#clock.now(), this.#cancelEnd(op))
  }

  /**
   * Reads an operation as a client's poll does. A poll of a cancel operation (or
   * of the submissions list a cancel is pending on) counts towards the end of
   * the cancel; the poll that exhausts the budget still reads it running.
   */
  poll(op: Operation): OperationState {
    const state = this.stateOf(op)
    const budget = op.completesAfter?.polls
    if (op.kind === "cancel" && state.status === "running" && budget !== undefined) {
      op.polls += 1
      if (op.polls >= budget && op.pollsExhaustedAt === undefined) op.pollsExhaustedAt = this.#clock.now()
    }
    return state
  }

  /** Counts a read of the submissions list as a poll of the offer's pending cancel, where openshift-ansible watches. */
  pollSubmissions(offer: Offer): void {
    const pending = this.#running(offer)
    if (pending?.kind === "cancel") this.poll(pending)
  }

  /**
   * Starts a publish, or a go-live. A publish waits at sign-off, still running,
   * until the publisher goes live: that go-live ends it and runs the live step.
   */
  start(offer: Offer, kind: "publish" | "golive", notificationEmails = ""): StartOutcome {
    const running = this.#running(offer)
    const signingOff = running !== undefined && kind === "golive" && awaitsSignoff(running, this.stateOf(running))
    if (running !== undefined && signingOff) {
      running.signedOffAt = this.#clock.now()
    } else if (running !== undefined) {
      const samePublish = running.kind === "publish" && kind === "publish" && !this.stateOf(running).cancelRequested
      return samePublish ? { _tag: "AlreadyRunning", operation: running } : { _tag: "Conflict", running }
    }
    if (kind === "publish") {
      offer.publishingVersion += 1
      offer.version += 1
      offer.versions.push(draftOf(offer))
      this.#touch(offer)
    }
    const operation = this.#create(offer, kind, {
      steps: planFor(kind, offer.options.stepDurationsMs),
      queuedMs: offer.options.queuedMs,
      failAt: offer.options.failAtStep,
      notificationEmails,
      targetId: undefined,
      completesAfter: undefined,
      outcome: undefined
    })
    return { _tag: "Started", operation }
  }

  /**
   * Cancels the operation running on the offer: at once for a "sync" offer,
   * through a cancel operation for an "async" one, which fails and leaves it
   * running if the offer's `cancelOutcome` says so. Asking again while a cancel
   * is pending returns the same cancel operation.
   */
  cancel(offer: Offer, notificationEmails = ""): CancelOutcome {
    const running = this.#running(offer)
    if (running === undefined) return { _tag: "Idle" }
    if (running.kind === "cancel") return { _tag: "Cancelling", cancelOperation: running }
    const now = this.#clock.now()
    running.cancelRequestedAt = now
    if (offer.options.cancel === "sync") {
      running.canceledAt = now
      return { _tag: "Canceled", target: running }
    }
    const cancelOperation = this.#createCancel(offer, running.id, notificationEmails, offer.options.cancelOutcome)
    running.cancelOperationId = cancelOperation.id
    return { _tag: "Cancelling", cancelOperation }
  }

  /** A cancel operation with nothing to cancel, which completes at once: how the service answered openshift-ansible. */
  noOpCancel(offer: Offer, notificationEmails = ""): Operation {
    const op = this.#createCancel(offer, undefined, notificationEmails, "completed")
    op.pollsExhaustedAt = op.createdAt
    return op
  }

  /** Lets a seeded operation look as if it started earlier, e.g. the demo's publish already in certification. */
  backdate(op: Operation, ms: number): Operation {
    const moved = { ...op, createdAt: op.createdAt - ms }
    this.#operations.set(op.id, moved)
    return moved
  }

  #createCancel(
    offer: Offer,
    targetId: string | undefined,
    notificationEmails: string,
    outcome: CancelEnd["outcome"]
  ): Operation {
    return this.#create(offer, "cancel", {
      steps: [],
      queuedMs: 0,
      failAt: undefined,
      notificationEmails,
      targetId,
      completesAfter: offer.options.cancelCompletesAfter,
      outcome
    })
  }

  #create(
    offer: Offer,
    kind: OperationKind,
    plan: Pick<Operation, "steps" | "queuedMs" | "failAt" | "notificationEmails" | "targetId" | "completesAfter" | "outcome">
  ): Operation {
    const slot = kind === "publish" ? "preview" : kind === "golive" ? "production" : "cancel"
    const legacyId = `${offer.publisherId}$${offer.id}$${offer.publishingVersion}$${slot}`
    const op: Operation = {
      id: randomUUID(),
      kind,
      publisherId: offer.publisherId,
      offerId: offer.id,
      publishingVersion: offer.publishingVersion,
      offerVersion: offer.version,
      legacyId,
      sequence: this.#sequence++,
      createdAt: this.#clock.now(),
      ...plan,
      signedOffAt: undefined,
      cancelRequestedAt: undefined,
      canceledAt: undefined,
      cancelOperationId: undefined,
      polls: 0,
      pollsExhaustedAt: undefined
    }
    this.#operations.set(op.id, op)
    this.#legacyIds.set(legacyId, op.id)
    return op
  }

  /**
   * The offer's running operation, if any (§3.1). While an asynchronous cancel
   * is pending, its target still reads running; the newer cancel operation is
   * the one that holds the offer.
   */
  #running(offer: Offer): Operation | undefined {
    return [...this.#operations.values()]
      .filter((op) => op.publisherId === offer.publisherId && op.offerId === offer.id)
      .sort(newestFirst)
      .find((op) => !isTerminal(this.stateOf(op).status))
  }

  #cancelEnd(op: Operation): CancelEnd | undefined {
    if (op.canceledAt !== undefined) return { at: op.canceledAt, outcome: "completed" }
    const canceller = op.cancelOperationId === undefined ? undefined : this.#operations.get(op.cancelOperationId)
    return canceller === undefined ? undefined : cancelEnd(canceller)
  }
}

const newestFirst = (a: Operation, b: Operation): number => b.createdAt - a.createdAt || b.sequence - a.sequence
