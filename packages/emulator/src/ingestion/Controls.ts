/**
 * The in-process controls of the emulated ingestion API v1.0, for tests and the admin API: add a
 * product, start a submission, read what the emulator holds about one, switch variants.
 */
import type { StepState, Substate, SubmissionState } from "./Submission.ts"
import { changeIngestionVariants, type IngestionVariants } from "./Variants.ts"
import type { AddProduct, IngestionWorld, StartSubmission } from "./World.ts"

/** What the emulator holds about a submission, deleted or not. Reading it is not a request. */
export interface SubmissionSnapshot {
  readonly id: string
  readonly productId: string
  readonly state: SubmissionState
  readonly substate: Substate
  readonly deleted: boolean
  readonly promoted: boolean
  readonly workflows: ReadonlyArray<{
    readonly targetEnvironment: "Preview" | "Live"
    readonly state: StepState
    readonly steps: ReadonlyArray<{ readonly name: string; readonly state: StepState }>
  }>
}

export interface PartnerCenterControls {
  /** Adds a product; `externalId` is its offer id. Returns its id. */
  addProduct(input: AddProduct): { readonly id: string }
  /** Starts a submission on a product (by id or offer id); refused while one is in progress. */
  startSubmission(product: string, options?: StartSubmission): { readonly productId: string; readonly submissionId: string }
  submission(submissionId: string): SubmissionSnapshot | undefined
  setVariants(change: Partial<IngestionVariants>): IngestionVariants
  variants(): IngestionVariants
}

export const makePartnerCenterControls = (
  world: IngestionWorld,
  variants: { current: IngestionVariants }
): PartnerCenterControls => ({
  addProduct: (input) => ({ id: world.addProduct(input).id }),
  startSubmission: (product, options) => {
    const found = world.findProduct(product)
    if (found === undefined) throw new Error(`No Partner Center product ${product}`)
    return { productId: found.id, submissionId: world.startSubmission(found.id, options).id }
  },
  submission: (submissionId) => {
    const submission = world.anySubmission(submissionId)
    if (submission === undefined) return undefined
    const view = world.stateOf(submission)
    return {
      id: submission.id,
      productId: submission.productId,
      state: view.state,
      substate: view.substate,
      deleted: submission.deletedAt !== undefined,
      promoted: view.promotedAt !== undefined,
      workflows: view.workflows.map((w) => ({
        targetEnvironment: w.targetEnvironment,
        state: w.state,
        steps: w.steps.map((s) => ({ name: s.name, state: s.state }))
      }))
    }
  },
  setVariants: (change) => (variants.current = changeIngestionVariants(variants.current, change)),
  variants: () => variants.current
})
