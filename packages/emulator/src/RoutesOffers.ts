/**
 * Read-only routes that say what exists: publishers, offers, one offer (as its
 * draft, at a version or in a slot) and its status (cpp-api.md §2.5, §2.6).
 */
import { Effect } from "effect"
import { HttpServerResponse } from "effect/http"
import { badRequest, notFound } from "./ApiFailure.ts"
import { type ApiEnv, apiRoute, authenticate, authorizedOffer, requirePublisher } from "./ApiGuard.ts"
import { canAccess } from "./Auth.ts"
import { definitionAt, type Offer, offerEtag } from "./Offer.ts"
import { type Latest, offerBody, offerStatusBody, publisherBody } from "./Representation.ts"
import type { Slot } from "./OperationCourse.ts"

const latestSubmission = (env: ApiEnv, offer: Offer): Latest | undefined => {
  const op = env.world.operations.submissions(offer)[0]
  return op === undefined ? undefined : { op, state: env.world.operations.stateOf(op) }
}

/** One offer as GET returns it, with the ETag clients keep for If-Match (§3.4). */
export const offerResponse = (env: ApiEnv, offer: Offer, status = 200, version = offer.version) =>
  HttpServerResponse.jsonUnsafe(offerBody(offer, latestSubmission(env, offer), true, version), {
    status,
    headers: { etag: offerEtag(offer) }
  })

const slots: ReadonlyArray<Slot> = ["Draft", "Preview", "Production"]

/** The docs spell slots `Draft | Preview | Production`; the location ids use `preview`, so case is not held against a client. */
const slotNamed = (name: string): Slot | undefined => slots.find((slot) => slot.toLowerCase() === name.toLowerCase())

export const offerRoutes = (env: ApiEnv) => [
  apiRoute("GET", "/api/publishers", (request) =>
    Effect.map(authenticate(env)(request), (grant) =>
      HttpServerResponse.jsonUnsafe(
        env.world.publishers.publisherIds().filter((id) => canAccess(grant, id)).flatMap((id) => {
          const publisher = env.world.publishers.publisher(id)
          const types = env.world.catalogue.offers(id).map((offer) => offer.options.offerTypeId)
          return publisher === undefined ? [] : [publisherBody(publisher, types)]
        })
      ))),
  apiRoute("GET", "/api/publishers/:publisherId/offers", (request, params) =>
    Effect.gen(function*() {
      const grant = yield* authenticate(env)(request)
      const publisherId = params["publisherId"] ?? ""
      yield* requirePublisher(env, grant, publisherId)
      return HttpServerResponse.jsonUnsafe(
        env.world.catalogue.offers(publisherId).map((offer) => offerBody(offer, latestSubmission(env, offer), false))
      )
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId", (request, params) =>
    Effect.map(authorizedOffer(env)(request, params), (offer) => offerResponse(env, offer))),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/versions/:version", (request, params) =>
    Effect.gen(function*() {
      const offer = yield* authorizedOffer(env)(request, params)
      const text = params["version"] ?? ""
      const version = /^\d+$/.test(text) ? Number(text) : Number.NaN
      if (Number.isNaN(version)) return yield* badRequest("InvalidVersion", `The version '${text}' is not an integer.`)
      if (definitionAt(offer, version) === undefined) {
        return yield* notFound(`Offer '${offer.id}' has no version ${version}.`)
      }
      return offerResponse(env, offer, 200, version)
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/slot/:slot", (request, params) =>
    Effect.gen(function*() {
      const offer = yield* authorizedOffer(env)(request, params)
      const name = params["slot"] ?? ""
      const slot = slotNamed(name)
      if (slot === undefined) {
        return yield* badRequest("InvalidSlot", `The slot '${name}' is not one of ${slots.join(", ")}.`)
      }
      const version = env.world.operations.slotVersion(offer, slot)
      // Asking for a slot that was never previewed or published gives 404 (§2.6).
      if (version === undefined) return yield* notFound(`Offer '${offer.id}' has nothing in the ${slot} slot.`)
      return offerResponse(env, offer, 200, version)
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/status", (request, params) =>
    Effect.map(
      authorizedOffer(env)(request, params),
      (offer) => HttpServerResponse.jsonUnsafe(offerStatusBody(offer, latestSubmission(env, offer)))
    ))
]
