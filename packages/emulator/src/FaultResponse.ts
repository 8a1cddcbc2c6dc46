/**
 * How each fault looks on the wire. Status and reset faults stop the request
 * before the service sees it; reset-after and body faults let the service act
 * (a publish still starts) and then lose or spoil the response, as a flaky
 * network would.
 */
import { Duration, Effect, Stream } from "effect"
import { type HttpServerRequest, HttpServerResponse } from "effect/http"
import { NodeHttpServerRequest } from "@effect/platform-node"
import { errorResponse } from "./ApiFailure.ts"
import type { FaultRule, RetryAfter } from "./Faults.ts"

const statusCodes: Readonly<Record<number, { code: string; message: string }>> = {
  429: { code: "TooManyRequests", message: "Too many requests, please retry later." },
  // The body quoted in azure-docs #54002 (cpp-api.md §3.6).
  500: { code: "InternalServerError", message: "We cannot complete the request now, please try again later." },
  503: { code: "ServiceUnavailable", message: "The service is temporarily unavailable, please try again later." }
}

/** Retry-After as seconds or as an HTTP-date on the wall clock, which is what a client compares it with. */
const retryAfterValue = (retryAfter: RetryAfter): string =>
  "date" in retryAfter
    ? new Date(Date.now() + retryAfter.seconds * 1000).toUTCString()
    : String(retryAfter.seconds)

export const statusFault = (rule: FaultRule): HttpServerResponse.HttpServerResponse => {
  const status = rule.status ?? 503
  const known = statusCodes[status] ?? { code: `Http${status}`, message: `Injected fault ${status}.` }
  const headers = rule.retryAfter === undefined ? {} : { "retry-after": retryAfterValue(rule.retryAfter) }
  return errorResponse(status, known.code, known.message, headers)
}

/** Sends a TCP RST, which clients see as ECONNRESET. */
export const resetConnection = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.sync(() => {
    NodeHttpServerRequest.toIncomingMessage(request).socket.resetAndDestroy()
    return HttpServerResponse.empty({ status: 500 })
  })

const bodyBytes = (response: HttpServerResponse.HttpServerResponse): Uint8Array =>
  response.body._tag === "Uint8Array" ? response.body.body : new Uint8Array()

const withBody = (
  response: HttpServerResponse.HttpServerResponse,
  body: Stream.Stream<Uint8Array, Error>,
  contentLength: number
): HttpServerResponse.HttpServerResponse => {
  const { "content-length": _, ...headers } = response.headers
  return HttpServerResponse.stream(body, { status: response.status, headers, contentLength })
}

/** Why bodies break: the connection drops after half of what Content-Length promised. */
class TruncatedOnPurpose extends Error {}

/** Sends half the body, then drops the connection. The pause lets the half reach the client first. */
export const truncate = (response: HttpServerResponse.HttpServerResponse): HttpServerResponse.HttpServerResponse => {
  const bytes = bodyBytes(response)
  // An empty body still promises bytes, so the client notices the cut.
  const promised = Math.max(bytes.length, 64)
  const half = bytes.subarray(0, Math.floor(bytes.length / 2))
  const body = Stream.make(half).pipe(
    Stream.concat(Stream.fromEffect(Effect.sleep(Duration.millis(20)).pipe(Effect.as(new Uint8Array())))),
    Stream.concat(Stream.fail(new TruncatedOnPurpose("truncated by fault injection")))
  )
  return withBody(response, body, promised)
}

/** A complete response whose JSON does not parse, with a matching Content-Length. */
export const malformed = (response: HttpServerResponse.HttpServerResponse): HttpServerResponse.HttpServerResponse => {
  const text = new TextDecoder().decode(bodyBytes(response))
  const broken = `${text.slice(0, Math.floor(text.length / 2))}{"error": <malformed`
  return HttpServerResponse.text(broken, {
    status: response.status,
    headers: response.headers,
    contentType: "application/json; charset=utf-8"
  })
}

/** The whole body, trickled out in ten pieces over `latencyMs` (default one second). */
export const slowBody = (
  response: HttpServerResponse.HttpServerResponse,
  latencyMs: number
): HttpServerResponse.HttpServerResponse => {
  const bytes = bodyBytes(response)
  const pieces = 10
  const size = Math.max(1, Math.ceil(bytes.length / pieces))
  const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size))
  const body = Stream.fromIterable(chunks).pipe(
    Stream.mapEffect((chunk) => Effect.as(Effect.sleep(Duration.millis(latencyMs / pieces)), chunk))
  )
  return withBody(response, body, bytes.length)
}

/**
 * Never answers: waits until the client hangs up (or the emulator closes its connections), so the
 * server is never left holding a handler for a socket that is gone.
 */
export const hang = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.callback((resume) => {
    const socket = NodeHttpServerRequest.toIncomingMessage(request).socket
    const gone = () => resume(Effect.succeed(HttpServerResponse.empty({ status: 500 })))
    if (socket.destroyed) return gone()
    socket.once("close", gone)
    return Effect.sync(() => void socket.off("close", gone))
  })

const hugeChunk = new TextEncoder().encode(`"${"x".repeat(64 * 1024 - 3)}",`)

/**
 * The response's status and headers with a body of `bytes` bytes streamed in 64 KiB pieces and no
 * Content-Length, so a client learns how big it is only by reading it: it starts like a JSON
 * collection and never ends like one.
 */
export const hugeBody = (response: HttpServerResponse.HttpServerResponse, bytes: number): HttpServerResponse.HttpServerResponse => {
  const opening = new TextEncoder().encode(`{"value":[`)
  const pieces = Math.ceil(Math.max(0, bytes - opening.length) / hugeChunk.length)
  const body = Stream.concat(
    Stream.make(opening),
    Stream.map(Stream.range(1, pieces), () => hugeChunk)
  )
  const { "content-length": _, ...headers } = response.headers
  return HttpServerResponse.stream(pieces === 0 ? Stream.make(opening) : body, {
    status: response.status === 204 ? 200 : response.status,
    headers,
    contentType: "application/json; charset=utf-8"
  })
}
