/**
 * What the emulated Partner Center ingestion API knows: products (each in a Partner Center account,
 * which a token's publishers grant access to) and their submissions, and the rules that change
 * them: one submission in progress per product, DELETE only while it is in progress and not yet
 * promoted, promote only while it waits at sign-off. Reads never mutate.
 */
import { randomUUID } from "node:crypto"
import type { VirtualClock } from "../Clock.ts"
import {
  defaultStepDurationsMs,
  type StepDurations,
  type Submission,
  submissionStateAt,
  type SubmissionView
} from "./Submission.ts"

/** A Partner Center product; `account` is the publisher whose tokens may see it. */
export interface Product {
  readonly id: string
  readonly resourceType: string
  readonly name: string
  readonly externalIds: ReadonlyArray<{ readonly type: string; readonly value: string }>
  readonly account: string
  readonly sequence: number
}

export interface AddProduct {
  /** Default: a fresh GUID. */
  readonly id?: string
  /** The offer id, listed as external id `AzureOfferId` (what `$filter=ExternalIDs/Any(...)` finds). */
  readonly externalId: string
  readonly name?: string
  /** Default `AzureApplication`. */
  readonly resourceType?: string
  /** The publisher (Partner Center account) whose tokens may see it; default `contoso`. */
  readonly account?: string
}

export interface StartSubmission {
  /** Default: the next large number. */
  readonly id?: string
  readonly durationsMs?: StepDurations
  /** Certification fails when it would have ended (substate FailedInCertification). */
  readonly failInCertification?: boolean
  /** Promote to live as soon as the preview is ready. Default false: it waits for POST promote. */
  readonly isAutoPromote?: boolean
  /** Let it look as if it started this long ago (virtual ms), e.g. the demo's submission in certification. */
  readonly startedAgoMs?: number
}

export type ChangeOutcome =
  | { readonly _tag: "Done" }
  | { readonly _tag: "Refused"; readonly reason: string }

/** The first ids look like the Swagger's example, 1152921505695125040. */
const firstSubmissionId = 1152921505695126000n

export class IngestionWorld {
  readonly #clock: VirtualClock
  readonly #products = new Map<string, Product>()
  readonly #submissions = new Map<string, Submission>()
  #sequence = 0
  #nextId = firstSubmissionId

  constructor(clock: VirtualClock) {
    this.#clock = clock
  }

  addProduct(input: AddProduct): Product {
    const id = input.id ?? randomUUID()
    if (this.#products.has(id)) throw new Error(`Product ${id} already exists`)
    const product: Product = {
      id,
      resourceType: input.resourceType ?? "AzureApplication",
      name: input.name ?? input.externalId,
      externalIds: [{ type: "AzureOfferId", value: input.externalId }],
      account: input.account ?? "contoso",
      sequence: this.#sequence++
    }
    this.#products.set(id, product)
    return product
  }

  products(): ReadonlyArray<Product> {
    return [...this.#products.values()]
  }

  product(id: string): Product | undefined {
    return this.#products.get(id)
  }

  /** A product by id, or by the offer id it lists as an external id. */
  findProduct(idOrExternalId: string): Product | undefined {
    return this.#products.get(idOrExternalId) ??
      this.products().find((p) => p.externalIds.some((e) => e.value === idOrExternalId))
  }

  /** Starts a submission, as Partner Center's "Review and publish" does; one runs per product at a time. */
  startSubmission(productId: string, input: StartSubmission = {}): Submission {
    const product = this.#products.get(productId)
    if (product === undefined) throw new Error(`No product ${productId}`)
    const running = this.submissions(product).find((s) => this.stateOf(s).state === "InProgress")
    if (running !== undefined) throw new Error(`Submission ${running.id} is already in progress on product ${productId}`)
    const id = input.id ?? String(this.#nextId++)
    if (this.#submissions.has(id)) throw new Error(`Submission ${id} already exists`)
    const submission: Submission = {
      id,
      productId,
      sequence: this.#sequence++,
      createdAt: this.#clock.now() - (input.startedAgoMs ?? 0),
      durationsMs: { ...defaultStepDurationsMs, ...input.durationsMs },
      failInCertification: input.failInCertification ?? false,
      isAutoPromote: input.isAutoPromote ?? false,
      releaseNumber: this.submissions(product).length + 1,
      promotedAt: undefined,
      deletedAt: undefined
    }
    this.#submissions.set(id, submission)
    return submission
  }

  /** The product's submissions that have not been deleted, newest first. */
  submissions(product: Product): ReadonlyArray<Submission> {
    return [...this.#submissions.values()]
      .filter((s) => s.productId === product.id && s.deletedAt === undefined)
      .sort((a, b) => b.createdAt - a.createdAt || b.sequence - a.sequence)
  }

  /** A submission of the product that has not been deleted. */
  submission(product: Product, id: string): Submission | undefined {
    const found = this.#submissions.get(id)
    return found?.productId === product.id && found.deletedAt === undefined ? found : undefined
  }

  /** Any submission ever made, deleted or not, for the controls. */
  anySubmission(id: string): Submission | undefined {
    return this.#submissions.get(id)
  }

  stateOf(submission: Submission): SubmissionView {
    return submissionStateAt(submission, this.#clock.now())
  }

  /** DELETE: "Only an in-progress submission can be deleted", and not once it is promoted (publishing to live). */
  delete(submission: Submission): ChangeOutcome {
    const view = this.stateOf(submission)
    if (view.state !== "InProgress") return { _tag: "Refused", reason: `Submission ${submission.id} is already published; only an in-progress submission can be deleted.` }
    if (!view.cancellable) return { _tag: "Refused", reason: `Submission ${submission.id} has been promoted and is publishing; it can no longer be deleted.` }
    submission.deletedAt = this.#clock.now()
    return { _tag: "Done" }
  }

  /** POST promote: preview → live, only while it waits at publisher sign-off. */
  promote(submission: Submission): ChangeOutcome {
    const view = this.stateOf(submission)
    if (!view.promotable) {
      return {
        _tag: "Refused",
        reason: `Submission ${submission.id} cannot be promoted while its substate is ${view.substate}; it must be ReadyToPublish.`
      }
    }
    submission.promotedAt = this.#clock.now()
    return { _tag: "Done" }
  }
}
