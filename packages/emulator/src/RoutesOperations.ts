/**
 * Polling: the submissions list and one operation, by migrated path or by the
 * legacy `/api/operations/{p}${o}${n}${slot}` id (cpp-api.md §2.2, §5).
 */
import { Effect } from "effect"
import { HttpServerResponse } from "effect/http"
import { notFound } from "./ApiFailure.ts"
import { type ApiEnv, apiRoute, authenticate, authorizedOffer, isStrict, requirePublisher, searchParam } from "./ApiGuard.ts"
import { retryAfterHeader } from "./Location.ts"
import type { Offer } from "./Offer.ts"
import { isTerminal, type Operation } from "./Operation.ts"
import { operationBody, submissionBody } from "./Representation.ts"
import { sameStatus } from "./Spelling.ts"
import { decodeSegment } from "./Surface.ts"

const operationResponse = (env: ApiEnv, offer: Offer, op: Operation) => {
  const state = env.world.operations.poll(op)
  return HttpServerResponse.jsonUnsafe(operationBody(offer, op, state), {
    headers: isTerminal(state.status) ? {} : retryAfterHeader(offer)
  })
}

const operationNotFound = (id: string) => notFound(`Operation '${id}' was not found.`)

export const operationRoutes = (env: ApiEnv) => [
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/submissions", (request, params) =>
    Effect.map(authorizedOffer(env)(request, params), (offer) => {
      // The docs say `status`; devigned/pub sends `submissionState` (§6.1). Both filter, except in strict mode,
      // where an undocumented parameter is ignored as a service that does not know it would.
      const wanted = searchParam(request, "status") ??
        (isStrict(env, offer) ? undefined : searchParam(request, "submissionState"))
      const bodies = env.world.operations.submissions(offer).map((op) => submissionBody(offer, op, env.world.operations.stateOf(op)))
      // Counted after reading, so the poll that exhausts a cancel's budget still sees it running, as `poll` does.
      env.world.operations.pollSubmissions(offer)
      return HttpServerResponse.jsonUnsafe(
        wanted === undefined || wanted === "" ? bodies : bodies.filter((s) => sameStatus(s.submissionState, wanted))
      )
    })),
  apiRoute("GET", "/api/publishers/:publisherId/offers/:offerId/operations/:operationId", (request, params) =>
    Effect.gen(function*() {
      const offer = yield* authorizedOffer(env)(request, params)
      const id = params["operationId"] ?? ""
      const op = env.world.operations.operation(id)
      if (op === undefined || op.publisherId !== offer.publisherId || op.offerId !== offer.id) {
        return yield* operationNotFound(id)
      }
      return operationResponse(env, offer, op)
    })),
  apiRoute("GET", "/api/operations/:legacyId", (request, params) =>
    Effect.gen(function*() {
      const grant = yield* authenticate(env)(request)
      // Clients may send the `$` separators percent-encoded.
      const legacyId = decodeSegment(params["legacyId"] ?? "")
      const publisherId = legacyId.split("$")[0] ?? ""
      yield* requirePublisher(env, grant, publisherId)
      const op = env.world.operations.operationByLegacyId(legacyId)
      const offer = op === undefined ? undefined : env.world.catalogue.offer(op.publisherId, op.offerId)
      if (op === undefined || offer === undefined) return yield* operationNotFound(legacyId)
      return operationResponse(env, offer, op)
    }))
]
