/**
 * The switches that pick which reading of Partner Center's ingestion API v1.0 the emulator
 * speaks where the notes leave it open (partner-center-apis.md, the points marked [?]), so a client
 * can be tested against each. They apply to the whole API and may change while it runs.
 */
export interface IngestionVariants {
  /** The key of the next-page link: the Swagger's `@odata.nextLink` (default), or `nextLink` / `nextlink`, which clients also read [?]. */
  readonly nextLinkKey: "@odata.nextLink" | "nextLink" | "nextlink"
  /** The next-page link as an absolute URL (default, OData's convention) or relative to the API's base URL [?]. */
  readonly nextLinkForm: "absolute" | "relative"
  /** Items per page of every paged collection. Default 10. */
  readonly pageSize: number
  /** Error bodies: a JSON string (the Swagger's `type: string`, default) or an RFC 9110 ProblemDetails object. */
  readonly errorBody: "string" | "problemDetails"
  /** What a DELETE of a submission that can no longer be cancelled gets [?]: 409 (default) or 400. */
  readonly deleteRefusal: 400 | 409
  /** `workflowdetails` as the Swagger's paged collection `{ value: [...] }` (default) or a bare array, as the notes show it. */
  readonly workflowDetails: "collection" | "array"
  /** A product's external ids under BaseProduct's `externalIds` (default) or AzureProduct's `externalIDs`. */
  readonly externalIdsKey: "externalIds" | "externalIDs"
  /** June 2026: every call needs a positive `x-ms-publisherId` header, else 400 with a ProblemDetails body. */
  readonly requirePublisherIdHeader: boolean
}

export const defaultIngestionVariants: IngestionVariants = {
  nextLinkKey: "@odata.nextLink",
  nextLinkForm: "absolute",
  pageSize: 10,
  errorBody: "string",
  deleteRefusal: 409,
  workflowDetails: "collection",
  externalIdsKey: "externalIds",
  requirePublisherIdHeader: false
}

/** Applies a partial change, refusing values a client could not meet (a page of no items). */
export const changeIngestionVariants = (
  current: IngestionVariants,
  change: Partial<IngestionVariants>
): IngestionVariants => {
  const next = { ...current, ...change }
  if (!Number.isInteger(next.pageSize) || next.pageSize < 1) {
    throw new RangeError(`pageSize must be a whole number >= 1, got ${next.pageSize}`)
  }
  return next
}
