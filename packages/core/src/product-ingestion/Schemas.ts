/**
 * What the Product Ingestion API returns (product-ingestion-api.md, partner-center-apis.md): a
 * configure job's status, a product's submissions and products found by external id. Tolerant:
 * extra fields are ignored, and the job id is read as `jobId` (what clients read) or `jobID` (what
 * the doc writes).
 */
import { Schema } from "effect"

const Text = Schema.optional(Schema.String)

export const JobError = Schema.Struct({
  code: Text,
  message: Text,
  resourceId: Text,
  details: Schema.optional(Schema.Array(Schema.Struct({ code: Text, message: Text })))
})
export type JobError = typeof JobError.Type

export const ConfigureStatus = Schema.Struct({
  jobId: Text,
  jobID: Text,
  jobStatus: Schema.String,
  jobResult: Text,
  jobStart: Text,
  jobEnd: Text,
  resourceUri: Text,
  errors: Schema.optional(Schema.Array(JobError))
})
export type ConfigureStatus = typeof ConfigureStatus.Type

/** The job's id, whichever spelling the service used. */
export const jobIdOf = (status: ConfigureStatus): string | undefined => status.jobId ?? status.jobID

export const PiaSubmission = Schema.Struct({
  id: Schema.String,
  product: Text,
  target: Schema.optional(Schema.Struct({ targetType: Text })),
  status: Schema.String,
  result: Text,
  created: Text
})
export type PiaSubmission = typeof PiaSubmission.Type

export const PiaProduct = Schema.Struct({ id: Schema.String })

export const Collection = <S extends Schema.Top>(item: S) => Schema.Struct({ value: Schema.Array(item) })
