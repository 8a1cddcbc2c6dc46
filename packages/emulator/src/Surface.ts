/**
 * The documented surface of the API (cpp-api.md §2), as data: each call's
 * method, path as the docs spell it, query parameters and body. `classify`
 * says where a request strays from it, so the request log can mark it
 * "undocumented" and strict mode can answer as a service that implements only
 * what is documented would.
 */

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

const segments = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "")

/** A path segment as the router reads it; a malformed escape stays as sent (and then matches nothing). */
export const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The path parameters when `pathname` matches the template, trailing slash or not. */
const matchTemplate = (template: string, pathname: string): Record<string, string> | undefined => {
  const want = segments(template)
  const got = segments(pathname)
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of want.entries()) {
    const actual = got[index]!
    if (part.startsWith(":")) params[part.slice(1)] = decodeSegment(actual)
    else if (part !== actual) return undefined
  }
  return params
}

export interface Match {
  /** The calls documented on this path, whatever their method. */
  readonly calls: ReadonlyArray<DocumentedCall>
  /** The call for the request's method, if the path serves it. */
  readonly call: DocumentedCall | undefined
  readonly params: Readonly<Record<string, string>>
}

/** Which documented path the request is on, if any. */
export const matchCall = (method: string, pathname: string): Match | undefined => {
  const found = documentedCalls.flatMap((call) => {
    const params = matchTemplate(call.path, pathname)
    return params === undefined ? [] : [{ call, params }]
  })
  const first = found[0]
  if (first === undefined) return undefined
  const forMethod = found.find((f) => f.call.method === method)
  return { calls: found.map((f) => f.call), call: forMethod?.call, params: forMethod?.params ?? first.params }
}

export interface Deviation {
  /** What a strict service does about it: refuse the request, or ignore the part it does not know. */
  readonly strict: "notFound" | "badBody" | "unsupportedMediaType" | "ignored"
  readonly reason: string
}

const describeBody: Record<BodyRule, string> = {
  none: "no body",
  notificationEmails: `the body { "metadata": { "notification-emails": "<comma-separated addresses>" } }`,
  offer: "the full offer as a JSON object with a definition object"
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

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
 * Where a request on a documented call strays from the docs: the path's
 * spelling (a trailing slash added or left out), query parameters the call
 * does not have, a body other than the documented one, or a body that is not
 * declared as JSON.
 */
export const deviations = (
  call: DocumentedCall,
  request: { readonly pathname: string; readonly query: URLSearchParams; readonly contentType: string | undefined; readonly body: string }
): ReadonlyArray<Deviation> => {
  const found: Array<Deviation> = []
  const wantsSlash = call.path.endsWith("/")
  if (request.pathname.endsWith("/") !== wantsSlash) {
    found.push({
      strict: "notFound",
      reason: wantsSlash
        ? `the documented path ends with a slash: ${call.path}`
        : `the documented path has no trailing slash: ${call.path}`
    })
  }
  for (const name of new Set(request.query.keys())) {
    if (name !== "api-version" && !call.query.includes(name)) {
      found.push({ strict: "ignored", reason: `query parameter '${name}' is not documented for ${call.method} ${call.path}` })
    }
  }
  const body = request.body.trim()
  if (!bodyFits(call.body, body)) {
    found.push({ strict: "badBody", reason: `${call.method} ${call.path} takes ${describeBody[call.body]}` })
  } else if (body !== "" && !(request.contentType ?? "").toLowerCase().startsWith("application/json")) {
    found.push({ strict: "unsupportedMediaType", reason: "a body is documented as Content-Type: application/json" })
  }
  return found
}
