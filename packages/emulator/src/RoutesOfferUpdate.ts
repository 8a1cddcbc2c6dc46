/**
 * PUT offer (cpp-api.md §2.6, §3.4): create or update an offer's definition
 * under optimistic concurrency. `If-Match: *` overwrites; an ETag from GET must
 * still be the offer's, else 412 and nothing changes; without If-Match, 400,
 * as the concurrency page says of every publishing call.
 */
import { Effect } from "effect"
import type { HttpServerRequest } from "effect/http"
import { ApiFailure, badRequest } from "./ApiFailure.ts"
import { type ApiEnv, apiRoute, authenticate, requirePublisher } from "./ApiGuard.ts"
import type { OfferDefinition } from "./Offer.ts"
import { offerResponse } from "./RoutesOffers.ts"
import { isObject } from "./Surface.ts"

const invalid = (message: string) => badRequest("InvalidRequestBody", message)

/** The definition from a full offer body, checked against the path it was sent to. */
const definitionFrom = Effect.fnUntraced(function*(
  request: HttpServerRequest.HttpServerRequest,
  publisherId: string,
  offerId: string
) {
  const text = yield* Effect.orElseSucceed(request.text, () => "")
  const body: unknown = yield* Effect.try({ try: () => JSON.parse(text), catch: () => invalid("The request body is not valid JSON.") })
  if (!isObject(body) || !isObject(body["definition"])) {
    return yield* invalid("The request body must be the full offer, with a definition object.")
  }
  for (const [field, expected] of [["publisherId", publisherId], ["id", offerId]] as const) {
    if (body[field] !== undefined && body[field] !== expected) {
      return yield* invalid(`The body's ${field} '${String(body[field])}' does not match the path's '${expected}'.`)
    }
  }
  const { displayText, offer, plans } = body["definition"]
  return {
    displayText: typeof displayText === "string" ? displayText : offerId,
    offer: isObject(offer) ? offer : {},
    plans: Array.isArray(plans) ? plans : []
  } satisfies OfferDefinition
})

export const offerUpdateRoutes = (env: ApiEnv) => [
  apiRoute("PUT", "/api/publishers/:publisherId/offers/:offerId", (request, params) =>
    Effect.gen(function*() {
      const grant = yield* authenticate(env)(request)
      const publisherId = params["publisherId"] ?? ""
      const offerId = params["offerId"] ?? ""
      yield* requirePublisher(env, grant, publisherId)
      const ifMatch = request.headers["if-match"]
      if (ifMatch === undefined) {
        return yield* badRequest("MissingIfMatch", "Declare a concurrency strategy: If-Match with the offer's ETag, or * to overwrite.")
      }
      const definition = yield* definitionFrom(request, publisherId, offerId)
      const outcome = env.world.catalogue.putOffer(publisherId, offerId, definition, ifMatch.trim())
      switch (outcome._tag) {
        case "PreconditionFailed":
          return yield* new ApiFailure({
            status: 412,
            code: "PreconditionFailed",
            message: `The offer '${offerId}' has changed since the ETag in If-Match was read; read it again.`
          })
        case "Created":
          return offerResponse(env, outcome.offer, 201)
        case "Updated":
          return offerResponse(env, outcome.offer, 200)
      }
    }))
]
