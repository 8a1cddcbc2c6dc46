/**
 * What the ingestion API v1.0 returns (its Swagger document, partner-center-apis.md): products,
 * submissions, workflow details and paged collections. Decoding is tolerant — extra fields are
 * ignored and most are optional — and accepts the spellings public clients meet (`externalIDs`,
 * `Type`, three spellings of the next-page link).
 */
import { Option, Predicate, Schema, SchemaTransformation } from "effect"

const Text = Schema.optional(Schema.String)

// Submission ids are int64s (`1152921505695125040`), past JSON's safe integers: the service sends
// them as strings. One sent as a number past 2^53 lost digits in JSON.parse and would name another
// submission, so it is refused.
const Id = Schema.Union([Schema.String, Schema.Number.check(
  Schema.makeFilter((n: number) => Number.isSafeInteger(n) || "an id sent as a number past 2^53 has lost its digits")
).pipe(
  Schema.decodeTo(
    Schema.String,
    SchemaTransformation.transform({ decode: (n: number) => String(n), encode: (s: string) => Number(s) })
  )
)])

export const ExternalId = Schema.Struct({ type: Text, Type: Text, value: Text, Value: Text })
export type ExternalId = typeof ExternalId.Type

export const Product = Schema.Struct({
  id: Id,
  resourceType: Text,
  name: Text,
  externalIds: Schema.optional(Schema.Array(ExternalId)),
  externalIDs: Schema.optional(Schema.Array(ExternalId))
})
export type Product = typeof Product.Type

export const Target = Schema.Struct({ type: Text, value: Text })

export const PublishOption = Schema.Struct({
  releaseTimeInUtc: Text,
  isManualPublish: Schema.optional(Schema.Boolean),
  isAutoPromote: Schema.optional(Schema.Boolean),
  certificationNotes: Text
})

export const PendingUpdate = Schema.Struct({ updateType: Text, status: Text, href: Text, failureReason: Text })
export type PendingUpdate = typeof PendingUpdate.Type

export const Submission = Schema.Struct({
  id: Id,
  resourceType: Text,
  state: Schema.String,
  substate: Text,
  targets: Schema.optional(Schema.Array(Target)),
  publishOption: Schema.optional(PublishOption),
  publishedTimeInUtc: Text,
  pendingUpdateInfo: Schema.optional(PendingUpdate),
  releaseNumber: Schema.optional(Schema.Union([Schema.Number, Schema.String])),
  friendlyName: Text
})
export type Submission = typeof Submission.Type

export const WorkflowStep = Schema.Struct({
  name: Text,
  state: Text,
  startDateTimeInUtc: Text,
  completeDateTimeInUtc: Text
})
export type WorkflowStep = typeof WorkflowStep.Type

export const Workflow = Schema.Struct({
  type: Text,
  state: Text,
  targetEnvironment: Text,
  workflowSteps: Schema.optional(Schema.Array(WorkflowStep)),
  startDateTimeInUtc: Text,
  completeDateTimeInUtc: Text
})
// The notes show a bare array; the Swagger a paged collection `{ value: [...] }`. Both are read.
export const WorkflowDetails = Schema.Union([
  Schema.Array(Workflow),
  Schema.Struct({ value: Schema.Array(Workflow) }).pipe(
    Schema.decodeTo(
      Schema.Array(Workflow),
      SchemaTransformation.transform({
        decode: (page: { readonly value: ReadonlyArray<Workflow> }) => page.value,
        encode: (value: ReadonlyArray<Workflow>) => ({ value })
      })
    )
  )
])
export type Workflow = typeof Workflow.Type

/** One page of a collection: its items as JSON (each decoded by the caller) and the next page's link, if any. */
export interface Page {
  readonly value: ReadonlyArray<unknown>
  readonly nextLink: Option.Option<string>
}

// The Swagger names `@odata.nextLink`; public clients read `nextLink` and `nextlink` as well.
const nextLinkKeys = ["@odata.nextLink", "nextLink", "nextlink"] as const

/** A collection page from parsed JSON, or undefined when it is not one (no `value` array). */
export const pageOf = (json: unknown): Page | undefined => {
  if (!Predicate.isObject(json)) return undefined
  const record = json as Record<string, unknown>
  if (!Array.isArray(record["value"])) return undefined
  const link = nextLinkKeys.map((key) => record[key]).find((value) => typeof value === "string" && value.trim() !== "")
  return { value: record["value"], nextLink: Option.fromUndefinedOr(link as string | undefined) }
}

/** A product's external ids, whichever spelling the service used. */
export const externalIds = (product: Product): ReadonlyArray<{ readonly type: string; readonly value: string }> =>
  [...(product.externalIds ?? []), ...(product.externalIDs ?? [])].flatMap((id) => {
    const type = id.type ?? id.Type
    const value = id.value ?? id.Value
    return type === undefined || value === undefined ? [] : [{ type, value }]
  })
