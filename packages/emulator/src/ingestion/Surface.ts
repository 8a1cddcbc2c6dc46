/**
 * The documented surface of Partner Center's ingestion API v1.0 that the emulator serves, as data
 * (the Swagger document `Partner_Ingestion_SwaggerDocument.json`, partner-center-apis.md): each
 * call's method, path, query parameters and body. None of these calls takes a body; promote says
 * "[empty body]". The request log marks what strays from it, and strict mode answers it.
 */
import {
  type Deviation,
  type Match,
  matchIn,
  type SurfaceCall,
  type SurfaceRequest,
  surfaceDeviations
} from "../DocumentedSurface.ts"

export const ingestionBasePath = "/v1.0/ingestion"

const base = ingestionBasePath
const submission = `${base}/products/:productId/submissions/:submissionId`

export const ingestionCalls: ReadonlyArray<SurfaceCall> = [
  { method: "GET", path: `${base}/products`, query: ["$filter", "$skipToken"] },
  { method: "GET", path: `${base}/products/:productId`, query: [] },
  // `state=` is in the call's own samples; `$skipToken` is what the service's own next-page link carries.
  { method: "GET", path: `${base}/products/:productId/submissions`, query: ["$filter", "$expand", "state", "$skipToken"] },
  { method: "GET", path: submission, query: ["$expand"] },
  { method: "DELETE", path: submission, query: [] },
  { method: "GET", path: `${submission}/workflowdetails`, query: ["$skipToken"] },
  { method: "POST", path: `${submission}/promote`, query: [] },
  { method: "GET", path: `${submission}/validations`, query: [] },
  { method: "GET", path: `${submission}/reports`, query: [] }
]

export const matchIngestionCall = (method: string, pathname: string): Match<SurfaceCall> | undefined =>
  matchIn(ingestionCalls, method, pathname)

export const ingestionDeviations = (call: SurfaceCall, request: SurfaceRequest): ReadonlyArray<Deviation> =>
  surfaceDeviations(call, request, {
    fits: (text) => text === "",
    description: call.method === "POST" ? "an empty body" : "no body"
  })
