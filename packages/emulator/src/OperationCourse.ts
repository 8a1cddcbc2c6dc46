/**
 * The course of operations: publish and go-live submissions, their cancels, and
 * the rules that move them (one running operation per offer, idempotent
 * publish, synchronous or asynchronous cancel). Reads never mutate, except that
 * polling a cancel operation counts towards its end.
 */
import { randomUUID } from "node:crypto"
import type { VirtualClock } from "./Clock.ts"
import { draftOf, type Offer } from "./Offer.ts"
import { touchOffer } from "./OfferCatalogue.ts"
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

export type CancelOutcome =
  | { readonly _tag: "Canceled"; readonly target: Operation }
  | { readonly _tag: "Cancelling"; readonly cancelOperation: Operation }
  | { readonly _tag: "Idle" }

/** The documented slots of an offer (§2.6); the mapping to operations is the emulator's reading (§6.11). */
export type Slot = "Draft" | "Preview" | "Production"

export class OperationCourse {
  readonly #clock: VirtualClock
  readonly #operations = new Map<string, Operation>()
  readonly #legacyIds = new Map<string, string>()
  #sequence = 0

  constructor(clock: VirtualClock) {
    this.#clock = clock
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
      touchOffer(offer, this.#clock.now())
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
