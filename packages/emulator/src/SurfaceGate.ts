/**
 * What every request to an emulated API meets before its router, whichever API it is: the bearer
 * token first, whatever the path, so an anonymous caller (or one holding another API's token)
 * learns nothing about the API (401); then the API's documented surface: 404 for a path it does
 * not have, 405 with `Allow` for a method the path does not serve. It also says where the request
 * strays from the docs, for the request log, and in strict mode answers those requests as a service
 * that implements only the documented surface would. Each API supplies its surface and its own
 * error bodies (ApiGate.ts for CPP, ingestion/Gate.ts, productIngestion/Gate.ts).
 */
import type { HttpServerResponse } from "effect/http"
import type { Verification } from "./Auth.ts"
import type { Deviation, Match, SurfaceCall, SurfaceRequest } from "./DocumentedSurface.ts"

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

export type Gate = (request: GateRequest) => Verdict

export type TokenProblem = Exclude<Verification["_tag"], "Valid">

/** What a 401's `WWW-Authenticate` says is wrong with the token, for an API whose tokens are for `audience`. */
export const tokenProblem = (problem: TokenProblem, audience: string): string => {
  switch (problem) {
    case "Missing":
      return "The request has no bearer token."
    case "Invalid":
      return "The bearer token is not valid."
    case "Expired":
      return "The bearer token has expired."
    case "WrongAudience":
      return `The bearer token is not for ${audience}.`
  }
}

type Response = HttpServerResponse.HttpServerResponse

export interface GateSpec<C extends SurfaceCall> {
  readonly verify: (authorization: string | undefined) => Verification
  readonly match: (method: string, pathname: string) => Match<C> | undefined
  readonly deviations: (call: C, request: SurfaceRequest) => ReadonlyArray<Deviation>
  /** Whether the request (its path parameters say what it is about) gets the documented surface only. */
  readonly isStrict: (params: Readonly<Record<string, string>>) => boolean
  readonly unauthorized: (problem: TokenProblem) => Response
  readonly notFound: () => Response
  readonly methodNotAllowed: (method: string, allow: string) => Response
  /** The strict answer to a deviation; undefined where a strict service ignores it. */
  readonly refuse: (deviation: Deviation) => Response | undefined
}

export const makeGate = <C extends SurfaceCall>(spec: GateSpec<C>): Gate => (request) => {
  const url = new URL(request.url, "http://emulator")
  const match = spec.match(request.method, url.pathname)
  const found = match?.call === undefined ? [] : spec.deviations(match.call, {
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
  const verification = spec.verify(request.headers["authorization"])
  if (verification._tag !== "Valid") return { undocumented, answer: spec.unauthorized(verification._tag) }
  if (match === undefined) return { undocumented, answer: spec.notFound() }
  if (match.call === undefined) {
    const allow = [...new Set(match.calls.map((call) => call.method))].join(", ")
    return { undocumented, answer: spec.methodNotAllowed(request.method, allow) }
  }
  const refused = spec.isStrict(match.params)
    ? found.map(spec.refuse).find((answer) => answer !== undefined)
    : undefined
  return { undocumented, answer: refused }
}
