/**
 * What every `/api` request meets before the router: the bearer token first,
 * whatever the path, so an anonymous caller learns nothing about the API
 * (401); then the documented surface: 404 for a path the API does not have,
 * 405 with `Allow` for a method the path does not serve. It also says where the
 * request strays from the docs, for the request log, and in strict mode answers
 * those requests as a service that implements only the documented surface
 * would (see Surface.ts).
 */
import type { HttpServerResponse } from "effect/http"
import { errorResponse, failureResponse } from "./ApiFailure.ts"
import { type ApiEnv, isStrict, unauthorized } from "./ApiGuard.ts"
import type { Offer } from "./Offer.ts"
import { type Deviation, deviations, matchCall } from "./Surface.ts"

export interface GateRequest {
  readonly method: string
  /** Path with query string. */
  readonly url: string
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

export interface Verdict {
  /** Why the request is outside the documented surface; empty when it is inside. */
  readonly undocumented: ReadonlyArray<string>
  /** The answer, when the request goes no further than the gate. */
  readonly answer: HttpServerResponse.HttpServerResponse | undefined
}

const notDocumented = errorResponse(404, "NotFound", "No HTTP resource was found that matches the request URI.")

/** The offer a request is about, for its strictness: by path, or by the legacy operation id `p$o$n$slot`. */
const offerOf = (env: ApiEnv, params: Readonly<Record<string, string>>): Offer | undefined => {
  const [publisherId, offerId] = params["legacyId"]?.split("$") ?? [params["publisherId"], params["offerId"]]
  return publisherId === undefined || offerId === undefined ? undefined : env.world.offer(publisherId, offerId)
}

const strictAnswer = (deviation: Deviation): HttpServerResponse.HttpServerResponse | undefined => {
  switch (deviation.strict) {
    case "ignored":
      return undefined
    case "notFound":
      return notDocumented
    case "badBody":
      return errorResponse(400, "InvalidRequestBody", `The request body is not valid: ${deviation.reason}.`)
    case "unsupportedMediaType":
      return errorResponse(415, "UnsupportedMediaType", "The request body must be sent as application/json.")
  }
}

export const makeApiGate = (env: ApiEnv) => (request: GateRequest): Verdict => {
  const url = new URL(request.url, "http://emulator")
  const match = matchCall(request.method, url.pathname)
  const found = match?.call === undefined ? [] : deviations(match.call, {
    pathname: url.pathname,
    query: url.searchParams,
    contentType: request.headers["content-type"],
    body: request.body
  })
  const undocumented = match === undefined
    ? [`no documented call has the path ${url.pathname}`]
    : match.call === undefined
    ? [`${request.method} is not documented on this path`]
    : found.map((d) => d.reason)
  const verification = env.auth.verify(request.headers["authorization"])
  if (verification._tag !== "Valid") return { undocumented, answer: failureResponse(unauthorized(verification._tag)) }
  if (match === undefined) return { undocumented, answer: notDocumented }
  if (match.call === undefined) {
    const allow = [...new Set(match.calls.map((call) => call.method))].join(", ")
    return {
      undocumented,
      answer: errorResponse(
        405,
        "MethodNotAllowed",
        `The requested resource does not support http method '${request.method}'.`,
        { allow }
      )
    }
  }
  const strict = isStrict(env, offerOf(env, match.params))
  const refused = strict ? found.map(strictAnswer).find((answer) => answer !== undefined) : undefined
  return { undocumented, answer: refused }
}
