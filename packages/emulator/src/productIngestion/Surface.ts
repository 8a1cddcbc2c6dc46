/**
 * The documented surface of the Product Ingestion API that the emulator serves, as data
 * (partner-center-apis.md, "Product Ingestion API"): each call's method, path, query parameters
 * and body. Every call takes `$version`; strict mode refuses a call without it, as the docs
 * require it, where the lenient emulator defaults it as some public scripts expect [?].
 */
import {
  type Deviation,
  isObject,
  type Match,
  matchIn,
  parseJson,
  type SurfaceCall,
  type SurfaceRequest,
  surfaceDeviations
} from "../DocumentedSurface.ts"

export const productIngestionBasePath = "/rp/product-ingestion"

/** The version each call defaults to when a lenient emulator is not told one. */
export const defaultVersion = "2022-03-01-preview2"

type Body = "none" | "configure" | "noneOrEmptyObject"

interface PiaCall extends SurfaceCall {
  readonly body: Body
}

const base = productIngestionBasePath

const calls: ReadonlyArray<PiaCall> = [
  { method: "GET", path: `${base}/product`, query: ["externalId", "$version"], body: "none" },
  { method: "GET", path: `${base}/submission/:productId`, query: ["$version", "targetType"], body: "none" },
  // The durable id `product/<guid>` written whole into the path [?].
  { method: "GET", path: `${base}/submission/product/:productId`, query: ["$version", "targetType"], body: "none" },
  { method: "POST", path: `${base}/configure`, query: ["$version"], body: "configure" },
  { method: "GET", path: `${base}/configure/:jobId/status`, query: ["$version"], body: "none" },
  { method: "GET", path: `${base}/configure/:jobId`, query: ["$version"], body: "none" },
  // No body is documented; an empty JSON object is tolerated [?].
  { method: "POST", path: `${base}/configure/:jobId/cancel`, query: ["$version"], body: "noneOrEmptyObject" }
]

const describeBody: Record<Body, string> = {
  none: "no body",
  configure: `a configure document { "$schema": ".../configure/<version>", "resources": [...] }`,
  noneOrEmptyObject: "no body"
}

const bodyFits = (rule: Body, text: string): boolean => {
  if (rule === "none") return text === ""
  const body = parseJson(text)
  if (rule === "noneOrEmptyObject") return text === "" || (isObject(body) && Object.keys(body).length === 0)
  return isObject(body) && typeof body["$schema"] === "string" && /\/configure\//.test(body["$schema"]) &&
    Array.isArray(body["resources"])
}

export const matchPiaCall = (method: string, pathname: string): Match<PiaCall> | undefined => matchIn(calls, method, pathname)

export const piaDeviations = (call: PiaCall, request: SurfaceRequest): ReadonlyArray<Deviation> => [
  ...(request.query.has("$version")
    ? []
    : [{ strict: "badQuery" as const, reason: `${call.method} ${call.path} takes the query parameter $version` }]),
  ...surfaceDeviations(call, request, { fits: (text) => bodyFits(call.body, text), description: describeBody[call.body] })
]
