/**
 * One exchange with the API: bearer token, headers, timeout and the status-to-error mapping, built
 * from transport failures (TransportFailure), error bodies (ErrorBody), retries (Retries) and bounded
 * reading (BoundedBody). Reads retry any transient failure; the unsafe cancel POST is repeated only
 * when the server asked for it (429/503) or provably never saw it.
 */
import { Clock, Duration, Effect, Option, Schema } from "effect"
import { HttpClient, HttpClientRequest, UrlParams } from "effect/http"
import { readBody } from "./BoundedBody.ts"
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
import { describeErrorBody, type ErrorBodyReader } from "./ErrorBody.ts"
import { type Attempt, retrySchedule } from "./Retries.ts"
import { clampDuration, parseRetryAfter } from "./RetryAfter.ts"
import { scrubSecrets } from "./SecretScrub.ts"
import { countRequest, countRetry } from "./Telemetry.ts"
import type { TokenProvider } from "./TokenProvider.ts"
import { judgeTransportFailure } from "./TransportFailure.ts"

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
          const judged = judgeTransportFailure(error.reason.cause, url)
          return transport(
            judged.message,
            judged.worthRetrying && (safety === "idempotent" || judged.neverSent),
            judged.unreachable,
            judged.neverSent ? false : undefined
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

  const retries = retrySchedule(config)

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
