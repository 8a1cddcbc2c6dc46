/**
 * How the service renders its entities as JSON: operation details, submission
 * summaries and offers (cpp-api.md §2.2, §2.5, §2.6), in the offer's spelling.
 * Fields documented in the tables but absent from samples are included, as a
 * strict client must tolerate both.
 */
import { definitionAt, draftOf, type Offer } from "./Offer.ts"
import { awaitsSignoff, isTerminal, type Operation, type OperationState, type StepState } from "./Operation.ts"
import {
  type OfferStatus,
  spellOfferStatus,
  spellOperationStatus,
  spellStepStatus,
  spellSubmissionType
} from "./Spelling.ts"
import type { Publisher } from "./Publishers.ts"

const iso = (ms: number): string => new Date(ms).toISOString()

/** .NET ticks, the shape of the submission `version` in the sample (e.g. 636576975611768314). */
const ticks = (ms: number): number => ms * 10_000 + 621_355_968_000_000_000

interface Message {
  readonly messageHtml: string
  readonly level: "information" | "error"
  readonly timestamp: string
}

/**
 * Only "canCancel" is documented (§6.5); the emulator adds "cancelRequested"
 * while an asynchronous cancel is pending and "cannotCancel" once nothing can
 * be cancelled, values a client must treat as "cannot cancel now".
 */
const cancellationRequestState = (op: Operation, state: OperationState): string =>
  op.kind === "cancel" || isTerminal(state.status)
    ? "cannotCancel"
    : state.cancelRequested
    ? "cancelRequested"
    : "canCancel"

/** Why a cancel operation fails, for an offer whose `cancelOutcome` is "failed". */
const cancelFailure = "The operation could not be cancelled because it reached a step that cannot be interrupted."

const operationMessages = (op: Operation, state: OperationState): ReadonlyArray<Message> => {
  const started: Message = {
    messageHtml: `${op.kind === "cancel" ? "Cancellation" : "Submission"} started.`,
    level: "information",
    timestamp: iso(op.createdAt)
  }
  if (op.kind === "cancel" && state.status === "failed") {
    return [started, { messageHtml: cancelFailure, level: "error", timestamp: iso(state.lastActionAt) }]
  }
  const failed = state.steps.find((step) => step.failed)
  if (failed !== undefined) {
    return [started, { messageHtml: `${failed.plan.stepName} failed.`, level: "error", timestamp: iso(state.lastActionAt) }]
  }
  if (state.status === "canceled") {
    return [started, { messageHtml: "The submission was canceled.", level: "information", timestamp: iso(state.lastActionAt) }]
  }
  return [started]
}

const stepBody = (offer: Offer, state: OperationState) => (step: StepState, index: number) => {
  const afterStop = state.steps.slice(0, index).some((s) => s.status === "failed" || s.status === "canceled")
  return {
    id: step.plan.id,
    stepName: step.plan.stepName,
    description: step.plan.description,
    status: spellStepStatus(offer.options.statusSpelling, step.status, {
      afterStop,
      signoff: step.plan.id === "publisher-signoff"
    }),
    ...(step.plan.estimatedTimeFrame === undefined ? {} : { estimatedTimeFrame: step.plan.estimatedTimeFrame }),
    messages: step.failed
      ? [{ messageHtml: `${step.plan.stepName} found issues with the offer.`, level: "error", timestamp: iso(state.lastActionAt) }]
      : [],
    progressPercentage: step.progressPercentage
  }
}

/** GET operation: an object, or a one-element array like the sample (§6.10). */
export const operationBody = (offer: Offer, op: Operation, state: OperationState): unknown => {
  const spelling = offer.options.statusSpelling
  const body = {
    id: op.id,
    submissionType: spellSubmissionType(spelling, op.kind),
    createdDateTime: iso(op.createdAt),
    lastActionDateTime: iso(state.lastActionAt),
    status: spellOperationStatus(spelling, state.status),
    messages: operationMessages(op, state),
    publishingVersion: op.publishingVersion,
    offerVersion: op.offerVersion,
    cancellationRequestState: cancellationRequestState(op, state),
    steps: state.steps.map(stepBody(offer, state)),
    previewLinks: [],
    liveLinks: [],
    // Deprecated and no longer returned for migrated offers (§5.2).
    ...(offer.options.locationStyle === "legacy" ? { notificationEmails: op.notificationEmails } : {}),
    ...(state.status === "failed"
      ? { error: op.kind === "cancel" ? cancelFailure : "The submission failed; see the step messages." }
      : {})
  }
  return offer.options.operationBody === "array" ? [body] : body
}

/** One entry of the submissions list (§2.2a). */
export const submissionBody = (offer: Offer, op: Operation, state: OperationState) => {
  const spelling = offer.options.statusSpelling
  return {
    id: op.id,
    offerId: op.offerId,
    offerVersion: op.offerVersion,
    offerTypeId: offer.options.offerTypeId,
    publisherId: op.publisherId,
    submissionType: spellSubmissionType(spelling, op.kind),
    submissionState: spellOperationStatus(spelling, state.status),
    publishingVersion: op.publishingVersion,
    slot: op.kind === "golive" ? "production" : "staging",
    version: ticks(op.createdAt),
    definition: { metadata: { emails: op.notificationEmails } },
    changedTime: iso(state.lastActionAt)
  }
}

/** The latest submission of an offer and its state, which the offer's status follows. */
export interface Latest {
  readonly op: Operation
  readonly state: OperationState
}

const offerStatus = (latest: Latest | undefined): OfferStatus =>
  latest === undefined
    ? "neverPublished"
    : awaitsSignoff(latest.op, latest.state)
    ? "waitingForPublisherReview"
    : latest.state.status

/**
 * An offer as the list, GET offer and its version and slot forms return it
 * (§2.6), at `version` (default the draft); its status follows the latest submission.
 */
export const offerBody = (offer: Offer, latest: Latest | undefined, detailed: boolean, version = offer.version) => {
  const definition = definitionAt(offer, version) ?? draftOf(offer)
  return {
    offerTypeId: offer.options.offerTypeId,
    publisherId: offer.publisherId,
    status: spellOfferStatus(offer.options.statusSpelling, offerStatus(latest)),
    id: offer.id,
    version,
    definition: detailed ? definition : { displayText: definition.displayText },
    changedTime: iso(Math.max(latest?.state.lastActionAt ?? offer.createdAt, offer.modifiedAt))
  }
}

/** GET offer status (§2.5): the latest submission's steps under the offer-status enum. */
export const offerStatusBody = (offer: Offer, latest: Latest | undefined) => ({
  status: spellOfferStatus(offer.options.statusSpelling, offerStatus(latest)),
  messages: latest === undefined ? [] : operationMessages(latest.op, latest.state),
  steps: latest === undefined ? [] : latest.state.steps.map(stepBody(offer, latest.state)),
  previewLinks: [],
  liveLinks: []
})

/** A publisher with the `definition` fields clients read (`GET /api/publishers`). */
export const publisherBody = (publisher: Publisher, offerTypeIds: ReadonlyArray<string>) => ({
  id: publisher.id,
  publisherId: publisher.id,
  version: 1,
  definition: {
    displayText: publisher.displayText,
    offerTypeCategories: [...new Set(offerTypeIds)].sort(),
    sellerId: publisher.sellerId
  }
})
