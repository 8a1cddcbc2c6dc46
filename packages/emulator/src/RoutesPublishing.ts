/**
 * The calls that start work: publish, go-live and cancel (cpp-api.md §2.1,
 * §2.3, §2.4, §3.2). Each answers 202 with the location of an operation to
 * poll, in the header and format the offer is configured for.
 */
import { Effect } from "effect"
import { type HttpServerRequest, HttpServerResponse } from "effect/http"
import { ApiFailure, badRequest } from "./ApiFailure.ts"
import { type ApiEnv, apiRoute, authorizedOffer } from "./ApiGuard.ts"
import { locationParts, retryAfterHeader } from "./Location.ts"
import type { Offer } from "./Offer.ts"
import type { Operation } from "./Operation.ts"

/** `{ metadata: { "notification-emails": "a@x,b@y" } }`; the body is optional in practice (§2.1). */
const notificationEmails = Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest) {
  const text = yield* Effect.orElseSucceed(request.text, () => "")
  if (text.trim() === "") return ""
  const body: unknown = yield* Effect.try({
    try: () => JSON.parse(text),
    catch: () => badRequest("InvalidRequestBody", "The request body is not valid JSON.")
  })
  const emails = (body as { metadata?: { "notification-emails"?: unknown } } | null)?.metadata?.["notification-emails"]
  return typeof emails === "string" ? emails : ""
})

const requireIfMatch = (offer: Offer, request: HttpServerRequest.HttpServerRequest): Effect.Effect<void, ApiFailure> =>
  offer.options.requireIfMatch && request.headers["if-match"] === undefined
    ? Effect.fail(badRequest("MissingIfMatch", "Publishing calls must declare a concurrency strategy with If-Match."))
    : Effect.void

/** 202 pointing at the operation, as the offer's location variant says. */
export const accepted = (env: ApiEnv, offer: Offer, op: Operation): HttpServerResponse.HttpServerResponse => {
  const location = locationParts(offer, op, env.baseUrl)
  const headers = { ...location.headers, ...retryAfterHeader(offer) }
  return location.body === undefined
    ? HttpServerResponse.empty({ status: 202, headers })
    : HttpServerResponse.jsonUnsafe(location.body, { status: 202, headers })
}

const startRoute = (env: ApiEnv, kind: "publish" | "golive") =>
  apiRoute("POST", `/api/publishers/:publisherId/offers/:offerId/${kind}`, (request, params) =>
    Effect.gen(function*() {
      const offer = yield* authorizedOffer(env)(request, params)
      yield* requireIfMatch(offer, request)
      const emails = yield* notificationEmails(request)
      const outcome = env.world.operations.start(offer, kind, emails)
      if (outcome._tag === "Conflict") {
        // 409 is not documented (§6.14); it is the least surprising answer to "only one running operation".
        return yield* new ApiFailure({
          status: 409,
          code: "OperationInProgress",
          message: `Operation ${outcome.running.id} is already running on offer '${offer.id}'.`
        })
      }
      return accepted(env, offer, outcome.operation)
    }))

/** What cancel answers when nothing is running, per the offer's `whenIdle` (README explains the default). */
const idleCancel = (env: ApiEnv, offer: Offer, emails: string): Effect.Effect<HttpServerResponse.HttpServerResponse, ApiFailure> => {
  const message = `There is no operation in progress on offer '${offer.id}' to cancel.`
  switch (offer.options.whenIdle) {
    case "accepted":
      return Effect.succeed(accepted(env, offer, env.world.operations.noOpCancel(offer, emails)))
    case "ok":
      return Effect.succeed(HttpServerResponse.empty({ status: 200 }))
    case "badRequest":
      return Effect.fail(badRequest("NoOperationInProgress", message))
    case "notFound":
      return Effect.fail(new ApiFailure({ status: 404, code: "NotFound", message }))
    case "conflict":
      return Effect.fail(new ApiFailure({ status: 409, code: "Conflict", message }))
  }
}

const cancelRoute = (env: ApiEnv) =>
  apiRoute("POST", "/api/publishers/:publisherId/offers/:offerId/cancel", (request, params) =>
    Effect.gen(function*() {
      const offer = yield* authorizedOffer(env)(request, params)
      yield* requireIfMatch(offer, request)
      const emails = yield* notificationEmails(request)
      const outcome = env.world.operations.cancel(offer, emails)
      switch (outcome._tag) {
        case "Canceled":
          return HttpServerResponse.empty({ status: 200 })
        case "Cancelling":
          return accepted(env, offer, outcome.cancelOperation)
        case "Idle":
          return yield* idleCancel(env, offer, emails)
      }
    }))

export const publishingRoutes = (env: ApiEnv) => [
  startRoute(env, "publish"),
  startRoute(env, "golive"),
  cancelRoute(env)
]
