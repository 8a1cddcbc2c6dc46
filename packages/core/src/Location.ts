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

/**
 * Resolves a location against the base URL and makes sure it carries api-version. Fails (undefined)
 * on anything that does not point at the API on the same origin: following an absolute URL to another
 * host would hand it our bearer token.
 */
export const resolveLocation = (location: string, endpoint: Endpoint): string | undefined => {
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

/** The location of one operation of an offer, by its id. */
export const operationLocation = (offer: OfferRef, operationId: string, endpoint: Endpoint): string =>
  resolveLocation(`${offer.path}/operations/${encodeURIComponent(operationId)}`, endpoint)!

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
