/**
 * What the emulator holds about an operation, in canonical spelling, so tests
 * can assert on the truth rather than on one of the API's spellings. Reading a
 * snapshot is not a poll.
 */
import { relativeLocation } from "./Location.ts"
import type { OperationKind, OperationStatus, StepStatus } from "./Operation.ts"
import type { StepId } from "./Steps.ts"
import type { World } from "./World.ts"

export interface OperationSnapshot {
  readonly id: string
  readonly kind: OperationKind
  readonly publisherId: string
  readonly offerId: string
  readonly publishingVersion: number
  readonly legacyId: string
  readonly status: OperationStatus
  readonly steps: ReadonlyArray<{ readonly id: StepId; readonly status: StepStatus; readonly progressPercentage: number }>
  readonly createdAt: number
  readonly cancelRequested: boolean
  /** Polls counted towards the end of a cancel operation. */
  readonly polls: number
  /** For a cancel operation: what it cancels. */
  readonly targetId?: string
  /** Relative location with api-version, in the offer's location style. */
  readonly location: string
}


export const operationSnapshot = (world: World, id: string): OperationSnapshot | undefined => {
  const op = world.operations.operation(id)
  const offer = op === undefined ? undefined : world.catalogue.offer(op.publisherId, op.offerId)
  if (op === undefined || offer === undefined) return undefined
  const state = world.operations.stateOf(op)
  return {
    id: op.id,
    kind: op.kind,
    publisherId: op.publisherId,
    offerId: op.offerId,
    publishingVersion: op.publishingVersion,
    legacyId: op.legacyId,
    status: state.status,
    steps: state.steps.map((step) => ({
      id: step.plan.id,
      status: step.status,
      progressPercentage: step.progressPercentage
    })),
    createdAt: op.createdAt,
    cancelRequested: state.cancelRequested,
    polls: op.polls,
    ...(op.targetId === undefined ? {} : { targetId: op.targetId }),
    location: relativeLocation(offer, op)
  }
}
