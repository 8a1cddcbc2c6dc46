/**
 * A thin fetch client for tests: every assertion goes over a real socket, as a
 * user's client would.
 */
import type { Emulator } from "../src/index.ts"

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

const parse = (text: string): unknown => {
  try {
    return text === "" ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

export const send = async (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> => {
  const response = await fetch(url, init)
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: parse(text) }
}

/** Appends the api-version the API demands. */
export const versioned = (path: string): string => `${path}${path.includes("?") ? "&" : "?"}api-version=2017-10-31`

export const offerPath = (publisherId: string, offerId: string, rest = ""): string =>
  versioned(`/api/publishers/${publisherId}/offers/${offerId}${rest}`)

/** A client holding a bearer token for every publisher unless told otherwise. */
export const client = (emulator: Emulator, token: string = emulator.issueToken()) => {
  const headers = { authorization: `Bearer ${token}` }
  return {
    get: (path: string, extra: Record<string, string> = {}) =>
      send(`${emulator.url}${path}`, { headers: { ...headers, ...extra } }),
    post: (path: string, body?: unknown, extra: Record<string, string> = {}) =>
      send(`${emulator.url}${path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", ...extra },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
      })
  }
}

let counter = 0
/** A fresh offer per test, so tests do not see each other's operations. */
export const freshOffer = (emulator: Emulator, options: Parameters<Emulator["addOffer"]>[2] = {}, publisherId = "contoso") => {
  const offerId = `offer-${++counter}`
  emulator.addOffer(publisherId, offerId, options)
  return { publisherId, offerId, path: (rest = "") => offerPath(publisherId, offerId, rest) }
}

export const day = 24 * 60 * 60 * 1000
/** The default publish reaches publisher sign-off after 10 min + 2 d + 12 h + 30 min, and waits there. */
export const toSignoffMs = 10 * 60_000 + 2 * day + 12 * 3_600_000 + 30 * 60_000
/** Longer than any default step plan, go-live's three days included. */
export const fullPublishMs = toSignoffMs + 30 * 60_000 + 3 * day

/**
 * Takes the running publish of an offer to its end: to sign-off, where it waits, then live, whose
 * go-live completes the publish and runs the live step to its end. Returns the go-live.
 */
export const release = (emulator: Emulator, publisherId: string, offerId: string) => {
  emulator.advance(toSignoffMs)
  const goLive = emulator.startOperation(publisherId, offerId, "golive")
  emulator.advance(fullPublishMs)
  return goLive
}

/** A client of one API under its base path, holding a token for that API's audience. */
export const apiClient = (emulator: Emulator, basePath: string, token: string) => {
  const headers = { authorization: `Bearer ${token}` }
  const url = (path: string) => (/^https?:/.test(path) ? path : `${emulator.url}${basePath}${path}`)
  return {
    get: (path: string, extra: Record<string, string> = {}) => send(url(path), { headers: { ...headers, ...extra } }),
    delete: (path: string, extra: Record<string, string> = {}) =>
      send(url(path), { method: "DELETE", headers: { ...headers, ...extra } }),
    post: (path: string, body?: unknown, extra: Record<string, string> = {}) =>
      send(url(path), {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", ...extra },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
      })
  }
}

export const partnerCenterClient = (emulator: Emulator, token?: string) =>
  apiClient(emulator, "/v1.0/ingestion", token ?? emulator.issueToken({ audience: "https://api.partner.microsoft.com" }))

export const productIngestionClient = (emulator: Emulator, token?: string) =>
  apiClient(emulator, "/rp/product-ingestion", token ?? emulator.issueToken({ audience: "https://graph.microsoft.com" }))

/** The error fetch raises, with its cause's code (ECONNRESET, UND_ERR_SOCKET...). */
export const failure = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise
    return "no error"
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return `${(error as Error).name}: ${cause?.code ?? cause?.message ?? (error as Error).message}`
  }
}
