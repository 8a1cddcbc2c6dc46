/**
 * The gate of the ingestion API v1.0 (SurfaceGate.ts): tokens for `https://api.partner.microsoft.com`
 * only, its documented surface (Surface.ts), its error bodies (Errors.ts), strict emulator-wide.
 */
import { partnerCenterResource } from "../Auth.ts"
import { type Gate, makeGate, tokenProblem, type TokenProblem } from "../SurfaceGate.ts"
import { ingestionErrorResponse } from "./Errors.ts"
import type { IngestionEnv } from "./Routes.ts"
import { ingestionDeviations, matchIngestionCall } from "./Surface.ts"

export const unauthorizedHeaders = (problem: TokenProblem) => ({
  "www-authenticate": `Bearer error="invalid_token", error_description="${tokenProblem(problem, partnerCenterResource)}"`
})

export const makeIngestionGate = (env: IngestionEnv): Gate => {
  const answer = (status: number, message: string, headers?: Record<string, string>) =>
    ingestionErrorResponse(env.variants.current, { status, message, headers })
  return makeGate({
    verify: (authorization) => env.auth.verify(authorization, partnerCenterResource),
    match: matchIngestionCall,
    deviations: ingestionDeviations,
    isStrict: () => env.settings.strict,
    unauthorized: (problem) => answer(401, "Authorization has been denied for this request.", unauthorizedHeaders(problem)),
    notFound: () => answer(404, "Resource not available."),
    methodNotAllowed: (method, allow) => answer(405, `The requested resource does not support http method '${method}'.`, { allow }),
    refuse: (deviation) => {
      switch (deviation.strict) {
        case "ignored":
          return undefined
        case "notFound":
          return answer(404, "Resource not available.")
        case "badBody":
        case "badQuery":
          return answer(400, `The request is not valid: ${deviation.reason}.`)
        case "unsupportedMediaType":
          return answer(415, "The request body must be sent as application/json.")
      }
    }
  })
}
