/**
 * What a person names to cancel or watch, on whichever API the offer lives (a fixed contract that
 * pipelines depend on): `<publisherId>/<offerId>` on the Cloud Partner Portal API, `product:<id>` on
 * Partner Center's ingestion API v1.0, `job:<jobId>` a Product Ingestion configure job, and
 * `pia:<id>` a Product Ingestion product (to list its submissions). Every id is checked before it
 * reaches a URL, as OfferRef checks CPP's.
 */
import { Effect, Schema } from "effect"
import { InvalidInput } from "./CppError.ts"
import { OfferRef, parseOfferRef } from "./OfferRef.ts"

// The same alphabet as OfferRef's segments: ids, GUIDs and external ids, nothing that could change
// what a request addresses.
const allowed = /^[A-Za-z0-9._~-]+$/

const idProblem = (name: string, text: string): string | undefined =>
  text.length === 0
    ? `${name} is empty`
    : text.length > 256
    ? `${name} is longer than 256 characters`
    : !allowed.test(text)
    ? `${name} ${JSON.stringify(text.slice(0, 200))} may only contain letters, digits, "-", "_", "." and "~"`
    : /^\.+$/.test(text)
    ? `${name} ${JSON.stringify(text)} is only dots`
    : undefined

const Id = (name: string) => Schema.String.check(Schema.makeFilter((text: string) => idProblem(name, text) ?? true))

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether an id is a GUID (a product's own id) rather than an offer's external id. */
export const isGuid = (text: string): boolean => guid.test(text)

export const Reference = Schema.TaggedUnion({
  /** An offer on the Cloud Partner Portal API. */
  Offer: { publisherId: Id("publisherId"), offerId: Id("offerId") },
  /** A Partner Center product on the ingestion API v1.0: its GUID, or an offer's external id (AzureOfferId). */
  Product: { id: Id("product id") },
  /** A Product Ingestion configure job. */
  Job: { jobId: Id("job id") },
  /** A Product Ingestion product: its durable id (a GUID, `product/` optional) or an external id. */
  PiaProduct: { id: Id("product id") }
})
export type Reference = typeof Reference.Type

/** Which API a reference lives on; the faces never look at it, the backends do. */
export type Api = "cpp" | "ingestion" | "productIngestion"

export const apiOf = (reference: Reference): Api =>
  Reference.match(reference, {
    Offer: () => "cpp" as const,
    Product: () => "ingestion" as const,
    Job: () => "productIngestion" as const,
    PiaProduct: () => "productIngestion" as const
  })

/** The reference as a person types it; `parseReference` reads it back. */
export const referenceText = (reference: Reference): string =>
  Reference.match(reference, {
    Offer: (offer) => `${offer.publisherId}/${offer.offerId}`,
    Product: (product) => `product:${product.id}`,
    Job: (job) => `job:${job.jobId}`,
    PiaProduct: (product) => `pia:${product.id}`
  })

/** The CPP offer a reference names, for the CPP backend. */
export const offerRefOf = (reference: typeof Reference.cases.Offer.Type): OfferRef =>
  new OfferRef({ publisherId: reference.publisherId, offerId: reference.offerId })

/** The accepted forms, for every message about a reference that cannot be read. */
export const referenceForms = [
  "<publisherId>/<offerId> (an offer on the Cloud Partner Portal API)",
  "product:<productId or offer id> (Partner Center ingestion API v1.0)",
  "job:<jobId> (a Product Ingestion configure job)",
  "pia:<product durable id or external id> (a Product Ingestion product)"
] as const

const malformed = (text: string, why: string) =>
  new InvalidInput({
    message: `expected ${referenceForms.join(", ")}; got ${JSON.stringify(text.slice(0, 200))} (${why})`
  })

const prefixes = { product: "Product", job: "Job", pia: "PiaProduct" } as const

/** Reads a reference as a person typed it; anything else is InvalidInput naming the accepted forms. */
export const parseReference = (input: string): Effect.Effect<Reference, InvalidInput> => {
  const text = input.trim()
  const colon = /^([a-z]+):(.*)$/i.exec(text)
  if (colon === null) {
    // Without a prefix it is meant as an offer: the offer's own error and advice, and the other forms.
    return parseOfferRef(text).pipe(
      Effect.map((offer) => Reference.cases.Offer.make({ publisherId: offer.publisherId, offerId: offer.offerId })),
      Effect.mapError((error) =>
        new InvalidInput({
          ...error,
          message: `${error.message}; the accepted forms: ${referenceForms.join(", ")}`
        })
      )
    )
  }
  const prefix = colon[1]!.toLowerCase()
  if (!Object.hasOwn(prefixes, prefix)) return Effect.fail(malformed(text, `unknown prefix "${colon[1]}:"`))
  const kind = prefixes[prefix as keyof typeof prefixes]
  // PIA names products `product/<guid>`; the prefix is optional here.
  const id = kind === "PiaProduct" ? colon[2]!.replace(/^product\//i, "") : colon[2]!
  const problem = idProblem(kind === "Job" ? "job id" : "product id", id)
  if (problem !== undefined) return Effect.fail(malformed(text, problem))
  switch (kind) {
    case "Product":
      return Effect.succeed(Reference.cases.Product.make({ id }))
    case "Job":
      return Effect.succeed(Reference.cases.Job.make({ jobId: id }))
    case "PiaProduct":
      return Effect.succeed(Reference.cases.PiaProduct.make({ id }))
  }
}
