/**
 * The Cloud Partner Portal calls offerops needs — list submissions, read an operation, cancel — over
 * Effect's HttpClient (undici on Node, fetch elsewhere). ApiExchange turns each HTTP status into a
 * typed error and retries within the bounds of CppConfig.
 */
import { Context, type Duration, Effect, Layer, Option } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { decodeJson, makeSend } from "./ApiExchange.ts"
import { parseJsonOrText } from "./ErrorBody.ts"
import { CppConfig, insecureBaseUrl } from "./CppConfig.ts"
import { type HttpFailure, InvalidInput, InvalidResponse } from "./CppError.ts"
import { locationFromResponse, operationLocation, resolveLocation } from "./Location.ts"
import type { OfferRef } from "./OfferRef.ts"
import { type Operation, OperationBody, operationFromBody, Submissions, type Submission } from "./Operation.ts"
import { sameStatusText } from "./OperationStatus.ts"
import { TokenProvider } from "./TokenProvider.ts"

/**
 * What cancel answered: 200, cancelled at once; 202, a cancel operation to poll (its location, if
 * sent). `AnswerLost` comes only from `requestCancel`: the answer never arrived, and reading the
 * operation showed the cancel took (or the operation had already ended), as `operation` reads.
 */
export type CancelResult =
  | { readonly _tag: "Canceled" }
  | { readonly _tag: "AnswerLost"; readonly operation: Operation }
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
  /** Fails, before any request, when the base URL would carry the bearer token over plain http. */
  static readonly layer: Layer.Layer<CppClient, InvalidInput, HttpClient.HttpClient | TokenProvider> = Layer.effect(
    CppClient,
    Effect.gen(function*() {
      const http = yield* HttpClient.HttpClient
      const tokens = yield* TokenProvider
      const config = yield* CppConfig
      const insecure = insecureBaseUrl(config)
      if (insecure !== undefined) return yield* new InvalidInput({ message: insecure, input: "BaseUrl" })
      const send = makeSend(http, tokens, config)

      const resolve = (location: string) => {
        const url = resolveLocation(location, config)
        return url === undefined
          ? Effect.fail(
            new InvalidInput({
              message: `not an operation location of ${config.baseUrl}: ${JSON.stringify(location.slice(0, 300))}`,
              input: "Location"
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
          : submissions.filter((submission) => sameStatusText(submission.submissionState, status))
      })

      // Untraced: a wait polls it thousands of times, and a span and a captured stack per poll cost
      // about a tenth of a poll's CPU (the wait itself is the span that matters).
      const pollOperation = Effect.fnUntraced(function*(location: string) {
        const url = yield* resolve(location)
        const reply = yield* send(HttpClientRequest.get(url), "idempotent")
        const operation = operationFromBody(yield* decodeJson(OperationBody, reply))
        return { operation, retryAfter: reply.retryAfter }
      })

      const getOperation = (target: OperationTarget) =>
        typeof target !== "string" && /^\.{1,2}$/.test(target.operationId)
          ? Effect.fail(
            new InvalidInput({
              message: `operation id ${JSON.stringify(target.operationId)} is not an id: "." and ".." would address another path`,
              input: "OperationId"
            })
          )
          : pollOperation(
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
          // Always the documented shape (an empty list is ""): a strict service may refuse `{}`.
          HttpClientRequest.bodyJsonUnsafe({ metadata: { "notification-emails": emails.join(",") } })
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
