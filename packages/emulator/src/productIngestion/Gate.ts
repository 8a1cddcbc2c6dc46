/**
 * The gate of the Product Ingestion API (SurfaceGate.ts): tokens for `https://graph.microsoft.com`
 * only, its documented surface (Surface.ts), its error body (Errors.ts), strict emulator-wide.
 */
import { type Auth, graphResource } from "../Auth.ts"
import type { EmulatorSettings } from "../ApiGuard.ts"
import { type Gate, makeGate, tokenProblem, type TokenProblem } from "../SurfaceGate.ts"
import { piaErrorResponse } from "./Errors.ts"
import { matchPiaCall, piaDeviations } from "./Surface.ts"

export const unauthorizedAnswer = (problem: TokenProblem) =>
  piaErrorResponse(401, "unauthorized", "Authorization has been denied for this request.", [], {
    "www-authenticate": `Bearer error="invalid_token", error_description="${tokenProblem(problem, graphResource)}"`
  })

const notFound = () => piaErrorResponse(404, "notFound", "No resource was found that matches the request URI.")

export const makeProductIngestionGate = (env: { readonly auth: Auth; readonly settings: EmulatorSettings }): Gate =>
  makeGate({
    verify: (authorization) => env.auth.verify(authorization, graphResource),
    match: matchPiaCall,
    deviations: piaDeviations,
    isStrict: () => env.settings.strict,
    unauthorized: unauthorizedAnswer,
    notFound,
    methodNotAllowed: (method, allow) =>
      piaErrorResponse(405, "methodNotAllowed", `The requested resource does not support http method '${method}'.`, [], { allow }),
    refuse: (deviation) => {
      switch (deviation.strict) {
        case "ignored":
          return undefined
        case "notFound":
          return notFound()
        case "badBody":
        case "badQuery":
        case "unsupportedMediaType":
          return piaErrorResponse(400, "badRequest", `The request is not valid: ${deviation.reason}.`)
      }
    }
  })
