/**
 * Read-only routes that say what exists: publishers, offers, one offer and its
 * status (cpp-api.md §2.5, §2.6).
 */
import { Effect } from "effect"
import { HttpServerResponse } from "effect/http"
import { type ApiEnv, apiRoute, authenticate, authorizedOffer, requirePublisher } from "./ApiGuard.ts"
import { canAccess } from "./Auth.ts"
import type { Offer } from "./Offer.ts"
import { offerBody, offerStatusBody } from "./Representation.ts"

const latestSubmission = (env: ApiEnv, offer: Offer) => {
  const op = env.world.submissions(offer)[0]
  return op === undefined ? undefined : { op, state: env.world.stateOf(op) }
}

export const offerRoutes = (env: ApiEnv) => [
  // Not in the CPP pages; third-party clients list publishers here (§2.6).
  apiRoute("GET", "/api/publishers", (request) =>
    Effect.map(authenticate(env)(request), (grant) =>
      HttpServerResponse.jsonUnsafe(
        env.world.publisherIds().filter((id) => canAccess(grant, id)).map((id) => ({ id, publisherId: id }))
      ))),
  apiRoute("GET", "/api/publishers/:publisherId/offers", (request, params) =>
    Effect.gen(function*() {
      const grant = yield* authenticate(env)(request)
      const publisherId = params["publisherId"] ?? ""
      yield* requirePublisher(env, grant, publisherId)
      return HttpServerResponse.jsonUnsafe(
        env.world.offers(publisherId).map((offer) => offerBody(offer, latestSubmission(env, offer)?.state, false))
      )
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId", (request, params) =>
    Effect.map(authorizedOffer(env)(request, params), (offer) => {
      const body = offerBody(offer, latestSubmission(env, offer)?.state, true)
      // Clients keep the ETag for If-Match (§3.4); it changes whenever the offer does.
      return HttpServerResponse.jsonUnsafe(body, {
        headers: { etag: `W/"datetime'${encodeURIComponent(body.changedTime)}-${offer.version}'"` }
      })
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/status", (request, params) =>
    Effect.map(
      authorizedOffer(env)(request, params),
      (offer) => HttpServerResponse.jsonUnsafe(offerStatusBody(offer, latestSubmission(env, offer)))
    ))
]
