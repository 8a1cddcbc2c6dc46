/**
 * What the emulated Product Ingestion API knows: products (durable id `product/<guid>`, an external
 * id, an owning account), their submissions, and configure jobs, with the rules that change them:
 * one unfinished job per product (another is refused, the product is locked), and a cancel
 * accepted only before the job starts publishing. There is no way to list jobs, as in the docs.
 */
import { randomUUID } from "node:crypto"
import type { VirtualClock } from "../Clock.ts"
import {
  type ConfigureJob,
  defaultJobDurations,
  type JobDurations,
  type JobError,
  jobStateAt,
  type JobState,
  jobSubmissionAt
} from "./Job.ts"

export interface PiaProduct {
  /** The GUID of its durable id `product/<guid>`. */
  readonly guid: string
  readonly externalId: string
  readonly alias: string
  /** e.g. `softwareAsAService`, `azureVirtualMachine`, `azureContainer`. */
  readonly type: string
  readonly account: string
}

export interface AddPiaProduct {
  /** Default: a fresh GUID; `product/<guid>` is accepted too. */
  readonly id?: string
  readonly externalId: string
  readonly alias?: string
  /** Default `softwareAsAService`. */
  readonly type?: string
  /** The publisher (Partner Center account) whose tokens may see it; default `contoso`. */
  readonly account?: string
}

/** A submission that is not a job's: one the product already had, e.g. its live listing. */
interface StandingSubmission {
  readonly productGuid: string
  readonly number: number
  readonly target: "preview" | "live"
  readonly createdAt: number
}

export interface SubmissionView {
  readonly productGuid: string
  readonly number: number
  readonly target: "draft" | "preview" | "live"
  readonly status: "notStarted" | "running" | "completed"
  readonly result: "pending" | "succeeded" | "failed"
  readonly createdAt: number
}

export interface StartJob {
  /** Default: a fresh GUID. */
  readonly id?: string
  readonly resources: ReadonlyArray<unknown>
  readonly durations?: JobDurations
  /** Let it look as if it started this long ago (virtual ms). */
  readonly startedAgoMs?: number
}

export type StartJobOutcome =
  | { readonly _tag: "Started"; readonly job: ConfigureJob }
  | { readonly _tag: "Locked"; readonly running: ConfigureJob }

export type CancelJobOutcome =
  | { readonly _tag: "Accepted" }
  | { readonly _tag: "AlreadyCompleted" }
  | { readonly _tag: "TooFarAlong" }

const guidOf = (id: string): string => id.replace(/^product\//i, "")

/** The product a configure body is about: `product: "product/<guid>"`, `product: { externalId }`, or a product resource's `id`. */
const productReference = (resource: unknown): { guid?: string; externalId?: string } | undefined => {
  if (typeof resource !== "object" || resource === null) return undefined
  const { product, id, $schema } = resource as { product?: unknown; id?: unknown; $schema?: unknown }
  if (typeof product === "string") return { guid: guidOf(product) }
  if (typeof product === "object" && product !== null && typeof (product as { externalId?: unknown }).externalId === "string") {
    return { externalId: (product as { externalId: string }).externalId }
  }
  if (typeof id === "string" && typeof $schema === "string" && /\/product\//.test($schema)) return { guid: guidOf(id) }
  return undefined
}

/** The target of the body's submission resource, if it asks to publish. */
const submissionTarget = (resources: ReadonlyArray<unknown>): "preview" | "live" | undefined => {
  for (const resource of resources) {
    const { $schema, target } = (resource ?? {}) as { $schema?: unknown; target?: { targetType?: unknown } }
    if (typeof $schema === "string" && /\/submission\//.test($schema)) {
      return target?.targetType === "live" ? "live" : "preview"
    }
  }
  return undefined
}

export class ProductIngestionWorld {
  readonly #clock: VirtualClock
  readonly #products = new Map<string, PiaProduct>()
  readonly #jobs = new Map<string, ConfigureJob>()
  readonly #standing: Array<StandingSubmission> = []
  readonly #numbers = new Map<string, number>()

  constructor(clock: VirtualClock) {
    this.#clock = clock
  }

  addProduct(input: AddPiaProduct): PiaProduct {
    const guid = guidOf(input.id ?? randomUUID())
    if (this.#products.has(guid)) throw new Error(`Product product/${guid} already exists`)
    const product: PiaProduct = {
      guid,
      externalId: input.externalId,
      alias: input.alias ?? input.externalId,
      type: input.type ?? "softwareAsAService",
      account: input.account ?? "contoso"
    }
    this.#products.set(guid, product)
    return product
  }

  products(): ReadonlyArray<PiaProduct> {
    return [...this.#products.values()]
  }

  /** By durable id: `product/<guid>` or the bare GUID. */
  product(durableId: string): PiaProduct | undefined {
    return this.#products.get(guidOf(durableId))
  }

  /** By durable id (`product/<guid>` or the bare GUID) or by external id. */
  findProduct(reference: string): PiaProduct | undefined {
    return this.#products.get(guidOf(reference)) ?? this.products().find((p) => p.externalId === reference)
  }

  #nextNumber(guid: string): number {
    const next = (this.#numbers.get(guid) ?? 0) + 1
    this.#numbers.set(guid, next)
    return next
  }

  /** A submission the product already has, completed, e.g. what is live. */
  addStandingSubmission(guid: string, target: "preview" | "live", agoMs: number): void {
    this.#standing.push({ productGuid: guid, number: this.#nextNumber(guid), target, createdAt: this.#clock.now() - agoMs })
  }

  job(id: string): ConfigureJob | undefined {
    return this.#jobs.get(id)
  }

  jobState(job: ConfigureJob): JobState {
    return jobStateAt(job, this.#clock.now())
  }

  /**
   * POST configure. The product is the one the resources name; an unknown one lets the job run and
   * fail with `notFound`, as the service validates the resources in the job. Refused while
   * another job on the same product has not completed.
   */
  /** The product a configure body's resources name, and how they name it. */
  productNamedIn(resources: ReadonlyArray<unknown>): { readonly named: string | undefined; readonly product: PiaProduct | undefined } {
    const reference = resources.map(productReference).find((r) => r !== undefined)
    const named = reference?.guid === undefined ? reference?.externalId : `product/${reference.guid}`
    const product = reference?.guid !== undefined
      ? this.#products.get(reference.guid)
      : reference?.externalId !== undefined
      ? this.products().find((p) => p.externalId === reference.externalId)
      : undefined
    return { named, product }
  }

  startJob(input: StartJob): StartJobOutcome {
    const { named, product } = this.productNamedIn(input.resources)
    const running = product === undefined
      ? undefined
      : [...this.#jobs.values()].find((j) => j.productGuid === product.guid && this.jobState(j).status !== "completed")
    if (running !== undefined) return { _tag: "Locked", running }
    const failure: JobError | undefined = product !== undefined ? undefined : {
      code: "notFound",
      message: named === undefined ? "The request names no product." : `Product '${named}' was not found.`,
      ...(named === undefined ? {} : { resourceId: named }),
      details: []
    }
    const target = submissionTarget(input.resources)
    const job: ConfigureJob = {
      id: input.id ?? randomUUID(),
      productGuid: product?.guid,
      account: product?.account,
      createdAt: this.#clock.now() - (input.startedAgoMs ?? 0),
      resources: input.resources,
      target,
      durations: { ...defaultJobDurations, ...input.durations },
      failure,
      submissionNumber: product !== undefined && target !== undefined ? this.#nextNumber(product.guid) : undefined,
      cancelRequestedAt: undefined,
      pollsBeforeCancelled: 0,
      cancelledAt: undefined
    }
    this.#jobs.set(job.id, job)
    return { _tag: "Started", job }
  }

  /** POST configure/{jobId}/cancel. */
  cancel(job: ConfigureJob, settleAfterPolls: number): CancelJobOutcome {
    const state = this.jobState(job)
    if (state.status === "completed") return { _tag: "AlreadyCompleted" }
    if (job.cancelRequestedAt !== undefined) return { _tag: "Accepted" }
    if (state.phase === "publishing") return { _tag: "TooFarAlong" }
    job.cancelRequestedAt = this.#clock.now()
    job.pollsBeforeCancelled = settleAfterPolls
    if (settleAfterPolls === 0) job.cancelledAt = job.cancelRequestedAt
    return { _tag: "Accepted" }
  }

  /** A status poll: counts down a pending cancel, whose last counted poll still reads it running. */
  pollStatus(job: ConfigureJob): JobState {
    const state = this.jobState(job)
    if (job.cancelRequestedAt !== undefined && job.cancelledAt === undefined) {
      job.pollsBeforeCancelled -= 1
      if (job.pollsBeforeCancelled <= 0) job.cancelledAt = this.#clock.now()
    }
    return state
  }

  /** The product's submissions, newest first: those it had, and those its jobs created. */
  submissions(product: PiaProduct): ReadonlyArray<SubmissionView> {
    const now = this.#clock.now()
    const standing: Array<SubmissionView> = this.#standing
      .filter((s) => s.productGuid === product.guid)
      .map((s) => ({ ...s, status: "completed", result: "succeeded" }))
    const fromJobs = [...this.#jobs.values()].flatMap((job): Array<SubmissionView> => {
      const view = jobSubmissionAt(job, now)
      if (view === undefined || job.productGuid !== product.guid || job.submissionNumber === undefined || job.target === undefined) return []
      const createdAt = job.createdAt + job.durations.queuedMs + job.durations.processingMs
      return [{ productGuid: product.guid, number: job.submissionNumber, target: job.target, createdAt, ...view }]
    })
    return [...standing, ...fromJobs].sort((a, b) => b.createdAt - a.createdAt || b.number - a.number)
  }
}
