/**
 * The switches that pick which reading of the Product Ingestion API the emulator speaks where the
 * docs leave it open (partner-center-apis.md, the points marked [?]). They apply to the whole API
 * and may change while it runs.
 */
export interface ProductIngestionVariants {
  /** The job id's key in a configure-status: `jobId`, which clients read (default), or `jobID`, as the doc writes it. */
  readonly jobIdKey: "jobId" | "jobID"
  /** The HTTP status of an accepted cancel [?]: 200 (default, most likely) or 202. */
  readonly cancelStatus: 200 | 202
  /**
   * How many status polls a cancelled job still reads `running` after the cancel was accepted. 0
   * (default): the cancel answers the documented `completed` / `cancelled` at once.
   */
  readonly cancelSettlesAfterPolls: number
  /** Retry-After (seconds) on the status of a job still running; 0 (default) sends none. */
  readonly statusRetryAfterSeconds: number
}

export const defaultProductIngestionVariants: ProductIngestionVariants = {
  jobIdKey: "jobId",
  cancelStatus: 200,
  cancelSettlesAfterPolls: 0,
  statusRetryAfterSeconds: 0
}

export const changeProductIngestionVariants = (
  current: ProductIngestionVariants,
  change: Partial<ProductIngestionVariants>
): ProductIngestionVariants => {
  const next = { ...current, ...change }
  for (const key of ["cancelSettlesAfterPolls", "statusRetryAfterSeconds"] as const) {
    if (!Number.isInteger(next[key]) || next[key] < 0) throw new RangeError(`${key} must be a whole number >= 0, got ${next[key]}`)
  }
  return next
}
