/**
 * The in-process controls of the emulated Product Ingestion API, for tests and the admin API: add
 * a product, start a configure job (as a pipeline's POST configure would), read what the emulator
 * holds about a job, switch variants.
 */
import type { JobDurations, JobPhase, JobResult, JobStatus } from "./Job.ts"
import { defaultVersion } from "./Surface.ts"
import { changeProductIngestionVariants, type ProductIngestionVariants } from "./Variants.ts"
import type { AddPiaProduct, ProductIngestionWorld } from "./World.ts"

export interface JobSnapshot {
  readonly jobId: string
  /** `product/<guid>`, when the job names a product the emulator knows. */
  readonly productId: string | undefined
  readonly status: JobStatus
  readonly result: JobResult
  readonly phase: JobPhase
  readonly cancelRequested: boolean
}

export interface StartConfigureJob {
  /** Default: a fresh GUID. */
  readonly jobId?: string
  /** Where the job's submission goes; default `preview`. `none` configures without publishing. */
  readonly target?: "preview" | "live" | "none"
  readonly durations?: JobDurations
  readonly startedAgoMs?: number
}

export interface ProductIngestionControls {
  /** Adds a product; returns its durable id `product/<guid>`. */
  addProduct(input: AddPiaProduct): { readonly id: string }
  /** Starts a configure job on a product (durable id or external id) that publishes a submission to preview. */
  startConfigureJob(product: string, options?: StartConfigureJob): { readonly jobId: string; readonly productId: string }
  /** A submission the product already has, completed (e.g. live), `agoMs` ago. */
  addCompletedSubmission(product: string, target: "preview" | "live", agoMs: number): void
  job(jobId: string): JobSnapshot | undefined
  setVariants(change: Partial<ProductIngestionVariants>): ProductIngestionVariants
  variants(): ProductIngestionVariants
}

const schema = (kind: string) => `https://schema.mp.microsoft.com/schema/${kind}/${defaultVersion}`

export const makeProductIngestionControls = (
  world: ProductIngestionWorld,
  variants: { current: ProductIngestionVariants }
): ProductIngestionControls => {
  const productNamed = (reference: string) => {
    const product = world.findProduct(reference)
    if (product === undefined) throw new Error(`No Product Ingestion product ${reference}`)
    return product
  }
  return {
    addProduct: (input) => ({ id: `product/${world.addProduct(input).guid}` }),
    startConfigureJob: (reference, options = {}) => {
      const product = productNamed(reference)
      const productId = `product/${product.guid}`
      const target = options.target ?? "preview"
      const outcome = world.startJob({
        ...(options.jobId === undefined ? {} : { id: options.jobId }),
        resources: target === "none"
          ? [{ $schema: schema("product"), id: productId, identity: { externalId: product.externalId }, alias: product.alias }]
          : [{ $schema: schema("submission"), product: productId, target: { targetType: target } }],
        ...(options.durations === undefined ? {} : { durations: options.durations }),
        ...(options.startedAgoMs === undefined ? {} : { startedAgoMs: options.startedAgoMs })
      })
      if (outcome._tag === "Locked") throw new Error(`Configure job ${outcome.running.id} is still running on ${productId}`)
      return { jobId: outcome.job.id, productId }
    },
    addCompletedSubmission: (reference, target, agoMs) => world.addStandingSubmission(productNamed(reference).guid, target, agoMs),
    job: (jobId) => {
      const job = world.job(jobId)
      if (job === undefined) return undefined
      const state = world.jobState(job)
      return {
        jobId: job.id,
        productId: job.productGuid === undefined ? undefined : `product/${job.productGuid}`,
        status: state.status,
        result: state.result,
        phase: state.phase,
        cancelRequested: job.cancelRequestedAt !== undefined
      }
    },
    setVariants: (change) => (variants.current = changeProductIngestionVariants(variants.current, change)),
    variants: () => variants.current
  }
}
