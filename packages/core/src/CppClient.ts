/**
 * The Cloud Partner Portal calls offerops needs — list submissions, read an operation, cancel — over
 * Effect's HttpClient (undici on Node, fetch elsewhere). Each HTTP status becomes a typed error;
 * transient failures are retried within the bounds of CppConfig: GETs on any transient failure,
 * the cancel POST only when the server asked for it (429/503) or never saw the request.
 */
import { Clock, Context, Duration, Effect, Layer, Option, Predicate, Schedule, Schema } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { CppConfig, type CppSettings } from "./CppConfig.ts"
import {
  BadRequest,
  Forbidden,
  type HttpFailure,
  InvalidInput,
  InvalidResponse,
  NotFound,
  Unauthorized,
  Unavailable
} from "./CppError.ts"
import { locationFromResponse, operationLocation, resolveLocation } from "./Location.ts"
import type { OfferRef } from "./OfferRef.ts"
import { type Operation, OperationBody, operationFromBody, Submissions, type Submission } from "./Operation.ts"
import { clampDuration, parseRetryAfter } from "./RetryAfter.ts"
import { TokenProvider } from "./TokenProvider.ts"

/** What cancel answered: 200, cancelled at once; 202, a cancel operation to poll (its location, if sent). */
export type CancelResult =
  | { readonly _tag: "Canceled" }
  | {
    readonly _tag: "Accepted"
    readonly location: Option.Option<string>
    readonly retryAfter: Option.Option<Duration.Duration>
  }

/** One read of an operation, with the server's wish for when to ask again. */
export interface OperationPoll {
  readonly operation: Operation
  readonly retryAfter: Option.Option<Duration.Duration>
}

export type OperationTarget = string | { readonly offer: OfferRef; readonly operationId: string }

export class CppClient extends Context.Service<CppClient, {
  listSubmissions(
    offer: OfferRef,
    options?: { readonly status?: string | undefined }
  ): Effect.Effect<ReadonlyArray<Submission>, HttpFailure>
  getOperation(target: OperationTarget): Effect.Effect<Operation, HttpFailure | InvalidInput>
  pollOperation(location: string): Effect.Effect<OperationPoll, HttpFailure | InvalidInput>
  cancelOffer(
    offer: OfferRef,
    options?: { readonly notificationEmails?: ReadonlyArray<string> | undefined }
  ): Effect.Effect<CancelResult, HttpFailure>
  /** A location as the user or the service gave it, as the absolute URL this client will poll. */
  resolveLocation(location: string): Effect.Effect<string, InvalidInput>
}>()("@offerops/core/CppClient") {
  static readonly layer: Layer.Layer<CppClient, never, HttpClient.HttpClient | TokenProvider> = Layer.effect(
    CppClient,
    Effect.gen(function*() {
      const http = yield* HttpClient.HttpClient
      const tokens = yield* TokenProvider
      const config = yield* CppConfig
      const send = makeSend(http, tokens, config)

      const resolve = (location: string) => {
        const url = resolveLocation(location, config)
        return url === undefined
          ? Effect.fail(
            new InvalidInput({
              message: `not an operation location of ${config.baseUrl}: ${JSON.stringify(location.slice(0, 300))}`
            })
          )
          : Effect.succeed(url)
      }

      const listSubmissions = Effect.fn("CppClient.listSubmissions")(function*(
        offer: OfferRef,
        options?: { readonly status?: string | undefined }
      ) {
        const status = options?.status
        const url = new URL(`${config.baseUrl}${offer.path}/submissions/`)
        url.searchParams.set("api-version", config.apiVersion)
        if (status !== undefined) url.searchParams.set("status", status)
        const reply = yield* send(HttpClientRequest.get(url), "idempotent")
        const submissions = yield* decodeJson(Submissions, reply)
        // The filter's parameter name is unsettled (status= vs submissionState=), so filter here too.
        return status === undefined
          ? submissions
          : submissions.filter((submission) => sameStatus(submission.submissionState, status))
      })

      const pollOperation = Effect.fn("CppClient.pollOperation")(function*(location: string) {
        const url = yield* resolve(location)
        const reply = yield* send(HttpClientRequest.get(url), "idempotent")
        const operation = operationFromBody(yield* decodeJson(OperationBody, reply))
        return { operation, retryAfter: reply.retryAfter }
      })

      const getOperation = (target: OperationTarget) =>
        pollOperation(
          typeof target === "string" ? target : operationLocation(target.offer, target.operationId, config)
        ).pipe(Effect.map((poll) => poll.operation))

      const cancelOffer = Effect.fn("CppClient.cancelOffer")(function*(
        offer: OfferRef,
        options?: { readonly notificationEmails?: ReadonlyArray<string> | undefined }
      ) {
        const emails = options?.notificationEmails ?? []
        const url = new URL(`${config.baseUrl}${offer.path}/cancel`)
        url.searchParams.set("api-version", config.apiVersion)
        const request = HttpClientRequest.post(url).pipe(
          // The concurrency page requires a strategy on every publishing call; `*` costs nothing.
          HttpClientRequest.setHeader("If-Match", "*"),
          HttpClientRequest.bodyJsonUnsafe(
            emails.length === 0 ? {} : { metadata: { "notification-emails": emails.join(",") } }
          )
        )
        const reply = yield* send(request, "unsafe")
        if (reply.status !== 202) return { _tag: "Canceled" } as const
        const location = locationFromResponse(reply.headers, parseJsonOrText(reply.body))
        if (Option.isNone(location)) {
          return { _tag: "Accepted", location: Option.none(), retryAfter: reply.retryAfter } as const
        }
        const url202 = resolveLocation(location.value, config)
        if (url202 === undefined) {
          return yield* new InvalidResponse({
            method: "POST",
            path: url.pathname,
            status: 202,
            message: `the cancel was accepted but its location points outside ${config.baseUrl}: ${
              JSON.stringify(location.value.slice(0, 300))
            }`
          })
        }
        return { _tag: "Accepted", location: Option.some(url202), retryAfter: reply.retryAfter } as const
      })

      return CppClient.of({ listSubmissions, getOperation, pollOperation, cancelOffer, resolveLocation: resolve })
    })
  )
}

const sameStatus = (a: string, b: string) =>
  a.toLowerCase().replace(/[\s_-]+/g, "") === b.toLowerCase().replace(/[\s_-]+/g, "")

interface Reply {
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

const parseJsonOrText = (body: string): unknown => {
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

const decodeJson = <S extends Schema.Decoder<unknown>>(schema: S, reply: Reply) =>
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

type Safety = "idempotent" | "unsafe"

/** One request: token, headers, timeout, status mapping and bounded retries. */
const makeSend = (http: HttpClient.HttpClient, tokens: TokenProvider["Service"], config: CppSettings) => {
  const attempt = (request: HttpClientRequest.HttpClientRequest, safety: Safety): Effect.Effect<Reply, Attempt> => {
    const url = new URL(request.url)
    const path = url.pathname
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
      yield* Effect.logDebug(`→ ${request.method} ${url.pathname}${url.search}`)
      const response = yield* http.execute(
        request.pipe(
          HttpClientRequest.bearerToken(token),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("Content-Type", "application/json")
        )
      ).pipe(
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
      yield* Effect.logDebug(`← ${response.status} ${request.method} ${url.pathname} (${now - started} ms)`)
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
