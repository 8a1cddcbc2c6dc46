/**
 * How the Product Ingestion API renders products, submissions and configure-status as JSON
 * (articles/marketplace/product-ingestion-api.md, partner-center-apis.md). Each body names its
 * schema at the `$version` the client asked for.
 */
import type { ConfigureJob, JobState } from "./Job.ts"
import type { ProductIngestionVariants } from "./Variants.ts"
import type { PiaProduct, SubmissionView } from "./World.ts"

const schemaBase = "https://schema.mp.microsoft.com/schema"

const iso = (ms: number): string => new Date(ms).toISOString()

/** `jobEnd` while a job runs, as the docs show it. */
const notEnded = "0001-01-01T00:00:00"

export const productBody = (product: PiaProduct, version: string) => ({
  $schema: `${schemaBase}/product/${version}`,
  id: `product/${product.guid}`,
  identity: { externalId: product.externalId },
  type: product.type,
  alias: product.alias
})

export const submissionBody = (submission: SubmissionView, version: string) => ({
  $schema: `${schemaBase}/submission/${version}`,
  id: `submission/${submission.productGuid}/${submission.number}`,
  product: `product/${submission.productGuid}`,
  target: { targetType: submission.target },
  status: submission.status,
  result: submission.result,
  created: iso(submission.createdAt)
})

export const configureStatusBody = (
  job: ConfigureJob,
  state: JobState,
  version: string,
  variants: ProductIngestionVariants,
  resourceUri: string
) => ({
  $schema: `${schemaBase}/configure-status/${version}`,
  [variants.jobIdKey]: job.id,
  jobStatus: state.status,
  jobResult: state.result,
  jobStart: iso(state.startedAt),
  jobEnd: state.endedAt === undefined ? notEnded : iso(state.endedAt),
  ...(state.status === "completed" ? { resourceUri } : {}),
  errors: state.errors
})

/** GET configure/{jobId} once completed: the configuration the job applied. */
export const configureDetailBody = (job: ConfigureJob, version: string) => ({
  $schema: `${schemaBase}/configure/${version}`,
  resources: job.resources
})
