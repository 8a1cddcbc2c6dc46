/**
 * Where a long-running call tells the client to poll. The docs disagree on the
 * header (Location vs Operation-Location), on relative vs absolute URLs and on
 * the path shape of migrated vs non-migrated offers (cpp-api.md §2.1, §5, §6.7);
 * each offer picks one variant, and whether to say when to poll again.
 */
import type { Offer } from "./Offer.ts"
import type { Operation } from "./Operation.ts"

export const apiVersion = "2017-10-31"

/** The operation's status path for the offer's style, without query. */
export const operationPath = (offer: Offer, op: Operation): string =>
  offer.options.locationStyle === "legacy"
    ? `/api/operations/${op.legacyId}`
    : `/api/publishers/${op.publisherId}/offers/${op.offerId}/operations/${op.id}`

/** The relative location with api-version, as the NEWEST docs return it. */
export const relativeLocation = (offer: Offer, op: Operation): string =>
  `${operationPath(offer, op)}?api-version=${apiVersion}`

export interface LocationParts {
  readonly headers: Readonly<Record<string, string>>
  /** Set when the offer returns the location in the body, as the docs' prose says. */
  readonly body: { readonly location: string } | undefined
}

export const locationParts = (offer: Offer, op: Operation, baseUrl: string): LocationParts => {
  const relative = relativeLocation(offer, op)
  // The OLD cancel and go-live pages show an absolute URL without api-version, the OLD publish page a relative one with it.
  const old = offer.options.operationLocationForm === "relative" ? relative : `${baseUrl}${operationPath(offer, op)}`
  switch (offer.options.locationHeader) {
    case "Location":
      return { headers: { location: relative }, body: undefined }
    case "Operation-Location":
      return { headers: { "operation-location": old }, body: undefined }
    case "both":
      return { headers: { location: relative, "operation-location": old }, body: undefined }
    case "body":
      return { headers: {}, body: { location: relative } }
  }
}

/** When to poll again, if the offer sends it: on 202s and on polls of operations still running. */
export const retryAfterHeader = (offer: Offer): Record<string, string> =>
  offer.options.retryAfterSeconds > 0 ? { "retry-after": String(offer.options.retryAfterSeconds) } : {}
