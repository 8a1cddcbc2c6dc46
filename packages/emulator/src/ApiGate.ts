/**
 * The gate of the CPP API (`/api`, SurfaceGate.ts): its token audience, its documented surface
 * (Surface.ts), its error body `{ "error": { "code", "message" } }`, and strictness per offer.
 */
import { errorResponse, failureResponse } from "./ApiFailure.ts"
import { type ApiEnv, isStrict, unauthorized } from "./ApiGuard.ts"
import { cppResource } from "./Auth.ts"
import type { Offer } from "./Offer.ts"
import { deviations, matchCall } from "./Surface.ts"
import { type Gate, makeGate } from "./SurfaceGate.ts"

const notDocumented = errorResponse(404, "NotFound", "No HTTP resource was found that matches the request URI.")

/** The offer a request is about, for its strictness: by path, or by the legacy operation id `p$o$n$slot`. */
const offerOf = (env: ApiEnv, params: Readonly<Record<string, string>>): Offer | undefined => {
  const [publisherId, offerId] = params["legacyId"]?.split("$") ?? [params["publisherId"], params["offerId"]]
  return publisherId === undefined || offerId === undefined ? undefined : env.world.catalogue.offer(publisherId, offerId)
}

export const makeApiGate = (env: ApiEnv): Gate =>
  makeGate({
    verify: (authorization) => env.auth.verify(authorization, cppResource),
    match: matchCall,
    deviations,
    isStrict: (params) => isStrict(env, offerOf(env, params)),
    unauthorized: (problem) => failureResponse(unauthorized(problem)),
    notFound: () => notDocumented,
    methodNotAllowed: (method, allow) =>
      errorResponse(405, "MethodNotAllowed", `The requested resource does not support http method '${method}'.`, { allow }),
    refuse: (deviation) => {
      switch (deviation.strict) {
        case "ignored":
          return undefined
        case "notFound":
          return notDocumented
        case "badBody":
        case "badQuery":
          return errorResponse(400, "InvalidRequestBody", `The request body is not valid: ${deviation.reason}.`)
        case "unsupportedMediaType":
          return errorResponse(415, "UnsupportedMediaType", "The request body must be sent as application/json.")
      }
    }
  })
