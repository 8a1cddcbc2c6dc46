/**
 * Which offer an operation runs on: `publisherId/offerId`, validated before it reaches a URL so a
 * typo or a hostile string can never address another path of the API.
 */
import { Effect, Schema } from "effect"
import { InvalidInput } from "./CppError.ts"

// Partner Center ids are letters, digits, `-` and `_` (GUIDs included); `.` and `~` are kept as
// harmless. Anything else — path separators, URL syntax, `$` (the legacy operation-id separator),
// markup, whitespace, control characters — could change what a request addresses or how a message
// renders, and is never part of a real id.
const allowed = /^[A-Za-z0-9._~-]+$/

const Segment = (name: string) =>
  Schema.String.check(
    Schema.makeFilter((s: string) =>
      s.length === 0
        ? `${name} is empty`
        : s.length > 256
        ? `${name} is longer than 256 characters`
        : !allowed.test(s)
        ? `${name} ${JSON.stringify(s)} may only contain letters, digits, "-", "_", "." and "~"`
        : /^\.+$/.test(s)
        ? `${name} ${JSON.stringify(s)} is only dots`
        : true
    )
  )

export class OfferRef extends Schema.Class<OfferRef>("@offerops/core/OfferRef")({
  publisherId: Segment("publisherId"),
  offerId: Segment("offerId")
}) {
  /** The API path of the offer, with each id percent-encoded. */
  get path(): string {
    return `/api/publishers/${encodeURIComponent(this.publisherId)}/offers/${encodeURIComponent(this.offerId)}`
  }

  override toString(): string {
    return `${this.publisherId}/${this.offerId}`
  }
}

const decodeOfferRef = Schema.decodeUnknownEffect(OfferRef)

/** Parses the `publisherId/offerId` form users type. */
export const parseOfferRef = (text: string): Effect.Effect<OfferRef, InvalidInput> => {
  const parts = text.trim().split("/")
  if (parts.length !== 2) {
    return Effect.fail(
      new InvalidInput({
        message: `expected <publisherId>/<offerId>, got ${JSON.stringify(text.slice(0, 200))}`,
        input: "Offer"
      })
    )
  }
  const [publisherId, offerId] = parts
  return decodeOfferRef({ publisherId, offerId }).pipe(
    Effect.mapError((error) => new InvalidInput({ message: `invalid offer reference: ${firstIssue(error)}`, input: "Offer" }))
  )
}

/** The first line of a schema error: the part a person needs. */
export const firstIssue = (error: { readonly message: string }): string => error.message.split("\n")[0] ?? error.message
