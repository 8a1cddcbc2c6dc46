/**
 * What every emulated API's documented surface has in common: its calls as data (method, path as
 * the docs spell it, query parameters), matching a request to one of them, and saying where a
 * request strays from it. Each API keeps its own list of calls and body rules (Surface.ts for CPP,
 * ingestion/Surface.ts, productIngestion/Surface.ts).
 */

export interface SurfaceCall {
  readonly method: string
  /** The path as the docs spell it, `:name` for a parameter; a trailing slash is part of the spelling. */
  readonly path: string
  readonly query: ReadonlyArray<string>
}

export interface Deviation {
  /** What a strict service does about it: refuse the request, or ignore the part it does not know. */
  readonly strict: "notFound" | "badBody" | "badQuery" | "unsupportedMediaType" | "ignored"
  readonly reason: string
}

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

export interface Match<C extends SurfaceCall> {
  /** The calls documented on this path, whatever their method. */
  readonly calls: ReadonlyArray<C>
  /** The call for the request's method, if the path serves it. */
  readonly call: C | undefined
  readonly params: Readonly<Record<string, string>>
}

/** Which of `calls` the request is on, if any. */
export const matchIn = <C extends SurfaceCall>(
  calls: ReadonlyArray<C>,
  method: string,
  pathname: string
): Match<C> | undefined => {
  const found = calls.flatMap((call) => {
    const params = matchTemplate(call.path, pathname)
    return params === undefined ? [] : [{ call, params }]
  })
  const first = found[0]
  if (first === undefined) return undefined
  const forMethod = found.find((f) => f.call.method === method)
  return { calls: found.map((f) => f.call), call: forMethod?.call, params: forMethod?.params ?? first.params }
}

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

export interface SurfaceRequest {
  readonly pathname: string
  readonly query: URLSearchParams
  readonly contentType: string | undefined
  readonly body: string
}

/**
 * Where a request on a documented call strays from the docs: the path's spelling (a trailing slash
 * added or left out), query parameters the call does not have (beyond `alwaysAllowed`), a body other
 * than the documented one (`body.fits` decides, on the trimmed text; "" is no body), or a body that
 * is not declared as JSON.
 */
export const surfaceDeviations = (
  call: SurfaceCall,
  request: SurfaceRequest,
  body: { readonly fits: (text: string) => boolean; readonly description: string },
  alwaysAllowed: ReadonlyArray<string> = []
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
    if (!alwaysAllowed.includes(name) && !call.query.includes(name)) {
      found.push({ strict: "ignored", reason: `query parameter '${name}' is not documented for ${call.method} ${call.path}` })
    }
  }
  const text = request.body.trim()
  if (!body.fits(text)) {
    found.push({ strict: "badBody", reason: `${call.method} ${call.path} takes ${body.description}` })
  } else if (text !== "" && !(request.contentType ?? "").toLowerCase().startsWith("application/json")) {
    found.push({ strict: "unsupportedMediaType", reason: "a body is documented as Content-Type: application/json" })
  }
  return found
}
