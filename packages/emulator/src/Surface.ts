/**
 * The documented surface of the API (cpp-api.md §2), as data: each call's
 * method, path as the docs spell it, query parameters and body. `classify`
 * says where a request strays from it, so the request log can mark it
 * "undocumented" and strict mode can answer as a service that implements only
 * what is documented would.
 */
import {
  type Deviation,
  isObject,
  type Match as SurfaceMatch,
  matchIn,
  parseJson,
  type SurfaceRequest,
  surfaceDeviations
} from "./DocumentedSurface.ts"

export { decodeSegment, type Deviation, isObject } from "./DocumentedSurface.ts"

/** What the docs say a call's body is. */
export type BodyRule =
  | "none"
  /** `{ "metadata": { "notification-emails": "a@x,b@y" } }` (publish §2.3, cancel §2.1). */
  | "notificationEmails"
  /** The full offer: a JSON object with a `definition` object (PUT offer §2.6). */
  | "offer"

export interface DocumentedCall {
  readonly method: "GET" | "POST" | "PUT"
  /** The path as the docs spell it, `:name` for a parameter; a trailing slash is part of the spelling. */
  readonly path: string
  readonly query: ReadonlyArray<string>
  readonly body: BodyRule
}

const offer = "/api/publishers/:publisherId/offers/:offerId"

const documentedCalls: ReadonlyArray<DocumentedCall> = [
  // [3rd-party] in cpp-api.md §2.6; the brief of issue 13 counts it with its `definition` fields.
  { method: "GET", path: "/api/publishers", query: [], body: "none" },
  { method: "GET", path: "/api/publishers/:publisherId/offers", query: [], body: "none" },
  { method: "GET", path: offer, query: [], body: "none" },
  { method: "PUT", path: offer, query: [], body: "offer" },
  { method: "GET", path: `${offer}/versions/:version`, query: [], body: "none" },
  { method: "GET", path: `${offer}/slot/:slot`, query: [], body: "none" },
  { method: "GET", path: `${offer}/status`, query: [], body: "none" },
  { method: "POST", path: `${offer}/publish`, query: [], body: "notificationEmails" },
  // "No documented request body" (§2.4).
  { method: "POST", path: `${offer}/golive`, query: [], body: "none" },
  { method: "POST", path: `${offer}/cancel`, query: [], body: "notificationEmails" },
  // Every version of the page writes `/submissions/?api-version=...&status=...` (§2.2a, §6.1).
  { method: "GET", path: `${offer}/submissions/`, query: ["status"], body: "none" },
  { method: "GET", path: `${offer}/operations/:operationId`, query: [], body: "none" },
  { method: "GET", path: "/api/operations/:legacyId", query: [], body: "none" }
]

/** Which documented path the request is on, if any. */
export const matchCall = (method: string, pathname: string): Match | undefined => matchIn(documentedCalls, method, pathname)

export type Match = SurfaceMatch<DocumentedCall>

const describeBody: Record<BodyRule, string> = {
  none: "no body",
  notificationEmails: `the body { "metadata": { "notification-emails": "<comma-separated addresses>" } }`,
  offer: "the full offer as a JSON object with a definition object"
}

const hasExactly = (value: Record<string, unknown>, keys: ReadonlyArray<string>): boolean =>
  Object.keys(value).length === keys.length && keys.every((key) => key in value)

const bodyFits = (rule: BodyRule, text: string): boolean => {
  if (rule === "none") return text === ""
  const body = parseJson(text)
  if (rule === "offer") return isObject(body) && isObject(body["definition"])
  const metadata = isObject(body) && hasExactly(body, ["metadata"]) ? body["metadata"] : undefined
  return isObject(metadata) && hasExactly(metadata, ["notification-emails"]) &&
    typeof metadata["notification-emails"] === "string"
}

/**
 * Where a request on a documented call strays from the docs (DocumentedSurface.ts); only
 * `api-version` may always be sent.
 */
export const deviations = (call: DocumentedCall, request: SurfaceRequest): ReadonlyArray<Deviation> =>
  surfaceDeviations(call, request, { fits: (text) => bodyFits(call.body, text), description: describeBody[call.body] }, [
    "api-version"
  ])
