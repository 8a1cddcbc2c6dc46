/**
 * One exchange with the API: bearer token, headers, timeout, the status-to-error mapping and
 * bounded retries. Reads retry any transient failure; the unsafe cancel POST is repeated only when
 * the server asked for it (429/503) or provably never saw it.
 */
import { Clock, Duration, Effect, Option, Predicate, Schedule, Schema } from "effect"
import { HttpClient, HttpClientRequest, UrlParams } from "effect/http"
import type { CppSettings } from "./CppConfig.ts"
import { BadRequest, Forbidden, type HttpFailure, InvalidResponse, NotFound, Unauthorized, Unavailable } from "./CppError.ts"
import { clampDuration, parseRetryAfter } from "./RetryAfter.ts"
import type { TokenProvider } from "./TokenProvider.ts"

export interface Reply {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
  readonly retryAfter: Option.Option<Duration.Duration>
}

/** A failed attempt, before retry decides whether to try again. */
interface Attempt {
  readonly error: HttpFailure
  readonly retryable: boolean
  readonly retryAfter: Option.Option<Duration.Duration>
}

const maxErrorText = 500

// Failures where the request provably never left this machine: safe to repeat even a POST.
const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"])

const neverSent = (cause: unknown): boolean => {
  for (let current = cause, depth = 0; Predicate.isObject(current) && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string" && neverSentCodes.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

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

const classify = (reply: Reply, safety: Safety): Effect.Effect<Reply, Attempt> => {
  const { status } = reply
  if (status >= 200 && status < 300) return Effect.succeed(reply)
  const request = { method: reply.method, path: reply.path, status, ...describeErrorBody(reply.body) }
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
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMillis = Option.map(reply.retryAfter, Duration.toMillis)
    return fail(
      new Unavailable({ ...request, ...(Option.isSome(retryAfterMillis) ? { retryAfterMillis: retryAfterMillis.value } : {}) }),
      // The unsafe POST is repeated only when the server asked for it: 429, or 503 "try later".
      safety === "idempotent" || status === 429 || status === 503
    )
  }
  if (status >= 300 && status < 400) return fail(invalid(reply, `unexpected redirect (${status})`))
  return fail(new BadRequest(request))
}

export type Safety = "idempotent" | "unsafe"

/** One request: token, headers, timeout, status mapping and bounded retries. */
export const makeSend = (http: HttpClient.HttpClient, tokens: TokenProvider["Service"], config: CppSettings) => {
  const attempt = (request: HttpClientRequest.HttpClientRequest, safety: Safety): Effect.Effect<Reply, Attempt> => {
    const url = new URL(request.url)
    const path = url.pathname
    // The request keeps its query apart from its URL; the log shows both (neither holds a secret).
    const query = UrlParams.toString(request.urlParams)
    const target = `${path}${query === "" ? url.search : `?${query}`}`
    const transport = (message: string, retryable: boolean): Attempt => ({
      error: new Unavailable({ method: request.method, path, message }),
      retryable,
      retryAfter: Option.none()
    })
    return Effect.gen(function*() {
      const token = yield* tokens.token.pipe(
        Effect.mapError((error): Attempt => ({ error, retryable: false, retryAfter: Option.none() }))
      )
      const started = yield* Clock.currentTimeMillis
      yield* Effect.logDebug(`→ ${request.method} ${target}`)
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
        Effect.mapError((error) =>
          transport(
            `${error.reason._tag === "TransportError" ? "could not reach the service" : "request failed"}: ${
              error.message.split("\n")[0]
            }`,
            safety === "idempotent" || neverSent(error.reason.cause)
          )
        )
      )
      const body = yield* response.text.pipe(
        Effect.mapError(() => transport(`the connection broke while reading the ${response.status} response`, safety === "idempotent"))
      )
      const now = yield* Clock.currentTimeMillis
      yield* Effect.logDebug(`← ${response.status} ${request.method} ${path} (${now - started} ms)`)
      return {
        method: request.method,
        path,
        status: response.status,
        headers: response.headers,
        body,
        retryAfter: parseRetryAfter(response.headers["retry-after"], now)
      }
    }).pipe(
      Effect.timeoutOrElse({
        duration: config.requestTimeout,
        // A POST that timed out may have reached the server: repeating it could cancel twice.
        orElse: () =>
          Effect.fail(transport(`no response within ${Duration.format(config.requestTimeout)}`, safety === "idempotent"))
      }),
      Effect.flatMap((reply) => classify(reply, safety))
    )
  }

  const retries = Schedule.exponential(config.retryBase, 2).pipe(
    Schedule.jittered,
    Schedule.setInputType<Attempt>(),
    Schedule.while(({ input }) => input.retryable),
    Schedule.modifyDelay(({ input, duration }) =>
      Effect.succeed(
        Option.match(input.retryAfter, {
          onNone: () => Duration.min(duration, config.retryCap),
          onSome: (wish) => clampDuration(wish, { min: config.retryAfterMin, max: config.retryAfterMax })
        })
      )
    ),
    Schedule.upTo({ times: config.retries })
  )

  return (request: HttpClientRequest.HttpClientRequest, safety: Safety): Effect.Effect<Reply, HttpFailure> =>
    attempt(request, safety).pipe(
      Effect.retry(retries),
      Effect.mapError((failed) => failed.error)
    )
}
