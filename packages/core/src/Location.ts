/**
 * Where to poll an operation. The service has said it three ways: a relative `Location` with
 * api-version (newest docs), an absolute `Operation-Location` without it (2018 docs), or the response
 * body (the docs' prose). Migrated offers use `/api/publishers/p/offers/o/operations/{guid}`,
 * others the legacy `/api/operations/p$o$n$slot`. All resolve here to one absolute URL.
 */
import { Option } from "effect"
import type { OfferRef } from "./OfferRef.ts"

export interface Endpoint {
  readonly baseUrl: string
  readonly apiVersion: string
}

// `.` and `..`, also percent-encoded: URL parsing would resolve them, so an id of `..` would
// address the offer itself (`/offers/o/operations/..` is `/offers/o/`), not an operation.
const dotSegment = /^(?:\.|%2e){1,2}$/i

/** Whether the path (before any `?` or `#`) has a `.` or `..` segment; `\` counts as `/`, as URL parsing has it. */
const hasDotSegment = (location: string): boolean =>
  (location.split(/[?#]/)[0] ?? "").split(/[/\\]/).some((segment) => dotSegment.test(segment))

/**
 * Resolves a location against the base URL and makes sure it carries api-version. Fails (undefined)
 * on anything that does not point at the API on the same origin: following an absolute URL to another
 * host would hand it our bearer token.
 */
export const resolveLocation = (location: string, endpoint: Endpoint): string | undefined => {
  if (hasDotSegment(location.trim())) return undefined
  let url: URL
  try {
    url = new URL(location.trim(), endpoint.baseUrl)
  } catch {
    return undefined
  }
  if (url.origin !== new URL(endpoint.baseUrl).origin || !url.pathname.startsWith("/api/")) return undefined
  if (!url.searchParams.has("api-version")) url.searchParams.set("api-version", endpoint.apiVersion)
  url.hash = ""
  return url.toString()
}

/**
 * The location of one operation of an offer, by its id. Not resolved here: an id of `.` or `..`
 * gives a location that `resolveLocation` (and so every poll) refuses before any request.
 */
export const operationLocation = (offer: OfferRef, operationId: string, endpoint: Endpoint): string => {
  const path = `${offer.path}/operations/${encodeURIComponent(operationId)}`
  return resolveLocation(path, endpoint) ?? `${endpoint.baseUrl}${path}?api-version=${encodeURIComponent(endpoint.apiVersion)}`
}

const bodyKeys = ["location", "Location", "operationLocation", "Operation-Location", "operation-location"]

/** Reads a location from the response: `Operation-Location`, then `Location`, then the body. */
export const locationFromResponse = (
  headers: Readonly<Record<string, string | undefined>>,
  body: unknown
): Option.Option<string> => {
  const header = headers["operation-location"] ?? headers["location"]
  if (header !== undefined && header.trim() !== "") return Option.some(header)
  if (typeof body === "string" && body.trim().startsWith("/") || typeof body === "string" && /^https?:\/\//.test(body.trim())) {
    return Option.some(body.trim())
  }
  if (typeof body === "object" && body !== null) {
    for (const key of bodyKeys) {
      const value = (body as Record<string, unknown>)[key]
      if (typeof value === "string" && value.trim() !== "") return Option.some(value)
    }
  }
  return Option.none()
}
