/**
 * One exchange with the API: bearer token, headers, timeout, the status-to-error mapping and
 * bounded retries. Reads retry any transient failure; the unsafe cancel POST is repeated only when
 * the server asked for it (429/503) or provably never saw it.
 */
import { Clock, Duration, Effect, Option, Predicate, Schedule, Schema, Stream } from "effect"
import { HttpClient, HttpClientRequest, type HttpClientResponse, UrlParams } from "effect/http"
import type { CppSettings } from "./CppConfig.ts"
import {
  BadRequest,
  Forbidden,
  type HttpFailure,
  InvalidResponse,
  NotFound,
  Unauthorized,
  Unavailable,
  type Unreachable
} from "./CppError.ts"
import { clampDuration, parseRetryAfter } from "./RetryAfter.ts"
import { scrubSecrets } from "./SecretScrub.ts"
import { countRequest, countRetry } from "./Telemetry.ts"
import type { TokenProvider } from "./TokenProvider.ts"

export interface Reply {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
  readonly retryAfter: Option.Option<Duration.Duration>
  /** A status that may pass by itself (408, 429, 500, 502-504), as effect/http judges it. */
  readonly transient: boolean
}

/** A failed attempt, before retry decides whether to try again. */
interface Attempt {
  readonly error: HttpFailure
  readonly retryable: boolean
  readonly retryAfter: Option.Option<Duration.Duration>
}

const maxErrorText = 500

/** Why a request got no answer, from the error codes Node's sockets, DNS and TLS give. */
const unreachableCodes: ReadonlyArray<readonly [Unreachable, ReadonlyArray<string>]> = [
  ["ConnectionRefused", ["ECONNREFUSED"]],
  ["HostNotFound", ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]],
  ["CertificateUntrusted", [
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "CERT_UNTRUSTED",
    "ERR_TLS_CERT_ALTNAME_INVALID"
  ]],
  ["NoResponse", ["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]]
]

// Failures where the request provably never left this machine: safe to repeat even a POST. An
// untrusted certificate ends the handshake before any request byte is written.
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

/** The error codes along a cause chain (and inside an AggregateError, as happy eyeballs throws). */
const causeCodes = (cause: unknown, depth = 0): ReadonlyArray<string> => {
  if (!Predicate.isObject(cause) || depth > 8) return []
  const { code, errors, cause: next } = cause as { code?: unknown; errors?: unknown; cause?: unknown }
  return [
    ...(typeof code === "string" ? [code] : []),
    ...(Array.isArray(errors) ? errors.flatMap((error) => causeCodes(error, depth + 1)) : []),
    ...causeCodes(next, depth + 1)
  ]
}

const unreachableOf = (codes: ReadonlyArray<string>): Unreachable =>
  unreachableCodes.find(([, known]) => codes.some((code) => known.includes(code)))?.[0] ?? "ConnectionLost"

const unreachableText = (unreachable: Unreachable, url: URL): string => {
  switch (unreachable) {
    case "ConnectionRefused":
      return `connection refused by ${url.host}: nothing is listening there`
    case "HostNotFound":
      return `host not found: ${url.hostname} does not resolve`
    case "CertificateUntrusted":
      return `the TLS certificate of ${url.host} is not trusted`
    case "NoResponse":
      return `no route to ${url.host}, or it did not accept the connection in time`
    case "ConnectionLost":
      return `the connection to ${url.host} failed`
  }
}

/** Some failures would fail the same way again at once: a name that does not resolve, an untrusted certificate. */
const worthRetrying = (unreachable: Unreachable, codes: ReadonlyArray<string>): boolean =>
  unreachable !== "CertificateUntrusted" && !(unreachable === "HostNotFound" && !codes.includes("EAI_AGAIN"))

/** The API's own `error.code`/`error.message`, else top-level `code`/`message`, else the raw text. */
export const describeErrorBody = (body: string): { readonly code?: string; readonly message: string } => {
  const parsed = parseJsonOrText(body)
  if (Predicate.isObject(parsed)) {
    const inner = (parsed as { error?: unknown }).error
    const source = (Predicate.isObject(inner) ? inner : parsed) as { code?: unknown; message?: unknown }
    if (typeof source.message === "string" || typeof source.code === "string") {
      return {
        ...(typeof source.code === "string" ? { code: source.code } : {}),
        message: typeof source.message === "string" ? source.message.slice(0, maxErrorText) : String(source.code)
      }
    }
  }
  const text = body.trim()
  return { message: text === "" ? "(empty body)" : text.length > maxErrorText ? `${text.slice(0, maxErrorText)}…` : text }
}

export const parseJsonOrText = (body: string): unknown => {
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

export const decodeJson = <S extends Schema.Decoder<unknown>>(schema: S, reply: Reply) =>
  Effect.try({
    try: () => JSON.parse(reply.body) as unknown,
    catch: () => invalid(reply, "the body is not JSON")
  }).pipe(
    Effect.flatMap((json) => Schema.decodeUnknownEffect(schema)(json)),
    Effect.mapError((error) =>
      error instanceof InvalidResponse ? error : invalid(reply, `unexpected body: ${error.message.split("\n")[0]}`)
    )
  ) as Effect.Effect<S["Type"], InvalidResponse>

const invalid = (reply: Reply, message: string) =>
  new InvalidResponse({ method: reply.method, path: reply.path, status: reply.status, message })

/** How an API words its errors: the code and message a person is shown from an error body. */
export type ErrorBodyReader = (body: string) => { readonly code?: string; readonly message: string }

const classify = (reply: Reply, safety: Safety, describe: ErrorBodyReader): Effect.Effect<Reply, Attempt> => {
  const { status } = reply
  if (status >= 200 && status < 300) return Effect.succeed(reply)
  const request = { method: reply.method, path: reply.path, status, ...describe(reply.body) }
  const fail = (error: HttpFailure, retryable = false) =>
    Effect.fail<Attempt>({ error, retryable, retryAfter: reply.retryAfter })
  switch (status) {
    case 400:
    case 422:
      return fail(new BadRequest(request))
    case 401:
      return fail(new Unauthorized(request))
    case 403:
      return fail(new Forbidden(request))
    case 404:
      return fail(new NotFound(request))
  }
  if (status >= 500 || reply.transient) {
    const retryAfterMillis = Option.map(reply.retryAfter, Duration.toMillis)
    return fail(
      new Unavailable({ ...request, ...(Option.isSome(retryAfterMillis) ? { retryAfterMillis: retryAfterMillis.value } : {}) }),
      // 408, 429, 500, 502-504 may pass; the unsafe POST is repeated only when the server asked for
      // it: 429, or 503 "try later".
      reply.transient && (safety === "idempotent" || status === 429 || status === 503)
    )
  }
  if (status >= 300 && status < 400) return fail(invalid(reply, `unexpected redirect (${status})`))
  return fail(new BadRequest(request))
}

export type Safety = "idempotent" | "unsafe"

/**
 * One request: token, headers, timeout, status mapping and bounded retries. The token goes only to
 * the origin of `config.baseUrl`: a request anywhere else fails before it is sent.
 */
export const makeSend = (
  http: HttpClient.HttpClient,
  tokens: TokenProvider["Service"],
  config: CppSettings,
  describe: ErrorBodyReader = describeErrorBody
) => {
  const origin = new URL(config.baseUrl).origin
  // Where the request went, or would have gone: the advice for a missing or refused token depends on it.
  const located = (error: HttpFailure): HttpFailure =>
    error._tag === "Unauthorized" && error.baseUrl === undefined
      ? new Unauthorized({ ...error, message: error.message, baseUrl: config.baseUrl })
      : error
  const attempt = (request: HttpClientRequest.HttpClientRequest, safety: Safety): Effect.Effect<Reply, Attempt> => {
    const url = new URL(request.url)
    const path = url.pathname
    if (url.origin !== origin) {
      return Effect.fail({
        error: new InvalidResponse({
          method: request.method,
          path,
          status: 0,
          message: `refusing to send this API's token to ${url.origin}: it serves ${origin}`
        }),
        retryable: false,
        retryAfter: Option.none()
      })
    }
    // The request keeps its query apart from its URL; the log shows both (neither holds a secret).
    const query = UrlParams.toString(request.urlParams)
    const target = `${path}${query === "" ? url.search : `?${query}`}`
    const transport = (message: string, retryable: boolean, unreachable: Unreachable, sent?: boolean): Attempt => ({
      error: new Unavailable({ method: request.method, path, message, unreachable, ...(sent === undefined ? {} : { sent }) }),
      retryable,
      retryAfter: Option.none()
    })
    return Effect.gen(function*() {
      const token = yield* tokens.token.pipe(
        Effect.mapError((error): Attempt => ({ error, retryable: false, retryAfter: Option.none() }))
      )
      const started = yield* Clock.currentTimeMillis
      yield* Effect.logDebug(`→ ${request.method} ${target}`)
      // Not scoped (withScope aborts every request when its scope closes, read or not, and each abort
      // builds a DOMException: ~5% of a poll). An interrupt (a timeout, the deadline) still aborts the
      // request, as does leaving its body's stream; readBody abandons a refused body that way.
      const response = yield* http.execute(
        request.pipe(
          HttpClientRequest.bearerToken(token),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("Content-Type", "application/json")
        )
      ).pipe(
        // No HTTP span (CppClient's methods have theirs): it cost ~5% of a poll's CPU, and its trace
        // headers would hand the service ids of the caller's traces.
        Effect.provideService(HttpClient.TracerDisabledWhen, () => true),
        Effect.tapError(() => countRequest(request.method, "none")),
        Effect.tap((response) => countRequest(request.method, response.status)),
        Effect.mapError((error) => {
          if (error.reason._tag !== "TransportError") return transport(`request failed: ${firstLine(error.message)}`, false, "ConnectionLost")
          const codes = causeCodes(error.reason.cause)
          const unreachable = unreachableOf(codes)
          const neverSent = unreachable === "CertificateUntrusted" || codes.some((code) => neverSentCodes.has(code))
          return transport(
            unreachableText(unreachable, url),
            worthRetrying(unreachable, codes) && (safety === "idempotent" || neverSent),
            unreachable,
            neverSent ? false : undefined
          )
        })
      )
      const secrets = [token]
      const body = scrubSecrets(
        yield* readBody(response, config.maxBodyBytes).pipe(
          Effect.mapError((failure): Attempt =>
            failure === "tooLarge"
              ? {
                error: new InvalidResponse({
                  method: request.method,
                  path,
                  status: response.status,
                  message: `the ${response.status} response body is larger than the ${config.maxBodyBytes}-byte limit ` +
                    `(CPP_MAX_BODY_BYTES); the rest was not read`
                }),
                retryable: false,
                retryAfter: Option.none()
              }
              : transport(
                `the connection broke while reading the ${response.status} response`,
                safety === "idempotent",
                "ConnectionLost",
                true
              )
          )
        ),
        secrets
      )
      const now = yield* Clock.currentTimeMillis
      yield* Effect.logDebug(`← ${response.status} ${request.method} ${path} (${now - started} ms)`)
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name, scrubSecrets(value, secrets)])
      )
      return {
        method: request.method,
        path,
        status: response.status,
        headers,
        body,
        transient: HttpClient.isTransientResponse(response),
        // Clamped at the source, so no caller (a 202's first delay, a poll, a retry) can miss it.
        retryAfter: Option.map(
          parseRetryAfter(response.headers["retry-after"], now),
          (wish) => clampDuration(wish, { min: config.retryAfterMin, max: config.retryAfterMax })
        )
      }
    }).pipe(
      Effect.timeoutOrElse({
        duration: config.requestTimeout,
        // A POST that timed out may have reached the server: repeating it could cancel twice.
        orElse: () =>
          Effect.fail(
            transport(`no response within ${Duration.format(config.requestTimeout)}`, safety === "idempotent", "NoResponse")
          )
      }),
      Effect.flatMap((reply) => classify(reply, safety, describe))
    )
  }

  const retries = Schedule.exponential(config.retryBase, 2).pipe(
    Schedule.jittered,
    Schedule.setInputType<Attempt>(),
    Schedule.while(({ input }) => input.retryable),
    Schedule.modifyDelay(({ input, duration }) =>
      Effect.succeed(Option.getOrElse(input.retryAfter, () => Duration.min(duration, config.retryCap)))
    ),
    Schedule.upTo({ times: config.retries })
  )

  return (request: HttpClientRequest.HttpClientRequest, safety: Safety): Effect.Effect<Reply, HttpFailure> =>
    Effect.suspend(() => {
      let attempts = 0
      return Effect.suspend(() => (attempts++ === 0 ? attempt(request, safety) : Effect.andThen(countRetry(request.method), attempt(request, safety)))).pipe(
        Effect.retry(retries),
        Effect.mapError((failed) => located(failed.error))
      )
    })
}

const firstLine = (text: string): string => text.split("\n")[0] ?? text

/**
 * The body as text, read in bounded memory: a body announced or found to be over `limit` bytes is
 * refused (a 2xx, whose body we would have to understand) or cut (an error, whose first words are all
 * we show), and the rest is never read.
 */
const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, "tooLarge" | "broken"> => {
  const refuse = response.status >= 200 && response.status < 300
  const announced = Number(response.headers["content-length"] ?? Number.NaN)
  // Opening the body's stream and closing it unread aborts the request: the rest is never sent.
  if (refuse && announced > limit) return Effect.andThen(Effect.scoped(Stream.toPull(response.stream)), Effect.fail("tooLarge" as const))
  // An announced length within the limit already bounds the body (HTTP framing ends it there), and
  // reading it whole skips the chunk stream, which cost about a quarter of a poll's CPU.
  if (announced <= limit) return response.text.pipe(Effect.mapError(() => "broken" as const))
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.takeWhile(() => size <= limit),
      Stream.runForEach((chunk) => {
        size += chunk.length
        chunks.push(chunk)
        return size > limit && refuse ? Effect.fail("tooLarge" as const) : Effect.void
      }),
      Effect.mapError((error) => error === "tooLarge" ? error : "broken" as const),
      Effect.map(() => {
        const bytes = new Uint8Array(Math.min(size, limit))
        let offset = 0
        for (const chunk of chunks) {
          const part = chunk.subarray(0, bytes.length - offset)
          bytes.set(part, offset)
          offset += part.length
        }
        return new TextDecoder().decode(bytes)
      })
    )
  })
}
