/**
 * The gate of the Product Ingestion API (SurfaceGate.ts): tokens for `https://graph.microsoft.com`
 * only, its documented surface (Surface.ts), its error body (Errors.ts), strict emulator-wide.
 */
import { type Auth, graphResource } from "../Auth.ts"
import type { EmulatorSettings } from "../ApiGuard.ts"
import { makeGate, type Gate } from "../SurfaceGate.ts"
import { piaErrorResponse } from "./Errors.ts"
import { matchPiaCall, piaDeviations } from "./Surface.ts"

const tokenProblems = {
  Missing: "The request has no bearer token.",
  Invalid: "The bearer token is not valid.",
  Expired: "The bearer token has expired.",
  WrongAudience: `The bearer token is not for ${graphResource}.`
} as const

export const unauthorizedAnswer = (problem: keyof typeof tokenProblems) =>
  piaErrorResponse(401, "unauthorized", "Authorization has been denied for this request.", [], {
    "www-authenticate": `Bearer error="invalid_token", error_description="${tokenProblems[problem]}"`
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
