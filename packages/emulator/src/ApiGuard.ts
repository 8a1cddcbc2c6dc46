/**
 * What every `/api` call goes through before it is handled, in this order: a
 * valid bearer token (401), the one supported api-version (400), access to the
 * publisher (403), and the publisher and offer existing (404). Auth comes first
 * so an anonymous caller learns nothing about the API.
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, type HttpServerResponse } from "effect/http"
import { answeringFailures, ApiFailure, badRequest, notFound } from "./ApiFailure.ts"
import { type Auth, canAccess, type Grant } from "./Auth.ts"
import { apiVersion } from "./Location.ts"
import type { Offer } from "./Offer.ts"
import type { World } from "./World.ts"

export interface ApiEnv {
  readonly world: World
  readonly auth: Auth
  /** The emulator's own base URL, for absolute Operation-Location headers. */
  readonly baseUrl: string
}

const unauthorized = (description: string): ApiFailure =>
  new ApiFailure({
    status: 401,
    code: "Unauthorized",
    message: "Authorization has been denied for this request.",
    headers: { "www-authenticate": `Bearer error="invalid_token", error_description="${description}"` }
  })

export const searchParam = (request: HttpServerRequest.HttpServerRequest, name: string): string | undefined =>
  new URL(request.url, "http://emulator").searchParams.get(name) ?? undefined

/** The caller's grant, once its token and api-version check out. */
export const authenticate = (env: ApiEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest): Effect.fn.Return<Grant, ApiFailure> {
    const verification = env.auth.verify(request.headers["authorization"])
    switch (verification._tag) {
      case "Missing":
        return yield* unauthorized("The request has no bearer token.")
      case "Invalid":
        return yield* unauthorized("The bearer token is not valid.")
      case "Expired":
        return yield* unauthorized("The bearer token has expired.")
    }
    const version = searchParam(request, "api-version")
    if (version !== apiVersion) {
      return yield* badRequest(
        "InvalidAPIVersion",
        `The api-version '${version ?? ""}' is invalid. The supported versions are '${apiVersion}'.`
      )
    }
    return verification.grant
  })

export const requirePublisher = (env: ApiEnv, grant: Grant, publisherId: string): Effect.Effect<void, ApiFailure> => {
  if (!canAccess(grant, publisherId)) {
    return Effect.fail(
      new ApiFailure({
        status: 403,
        code: "Forbidden",
        message: `The service principal does not have access to the namespace (publisher) '${publisherId}'.`
      })
    )
  }
  return env.world.hasPublisher(publisherId)
    ? Effect.void
    : Effect.fail(notFound(`Publisher '${publisherId}' was not found.`))
}

export const requireOffer = (env: ApiEnv, publisherId: string, offerId: string): Effect.Effect<Offer, ApiFailure> => {
  const offer = env.world.offer(publisherId, offerId)
  return offer === undefined
    ? Effect.fail(notFound(`Offer '${offerId}' was not found for publisher '${publisherId}'.`))
    : Effect.succeed(offer)
}

/** The route's publisher and offer, after authentication and access checks. */
export const authorizedOffer = (env: ApiEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest, params: PathParams) {
    const grant = yield* authenticate(env)(request)
    const publisherId = params["publisherId"] ?? ""
    yield* requirePublisher(env, grant, publisherId)
    return yield* requireOffer(env, publisherId, params["offerId"] ?? "")
  })

export type PathParams = Readonly<Record<string, string | undefined>>

/** A route under `/api` whose handler may fail with an ApiFailure, answered as the documented error body. */
export const apiRoute = (
  method: "GET" | "POST",
  path: `/${string}`,
  handle: (
    request: HttpServerRequest.HttpServerRequest,
    params: PathParams
  ) => Effect.Effect<HttpServerResponse.HttpServerResponse, ApiFailure>
) =>
  HttpRouter.route(
    method,
    path,
    answeringFailures(Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      return yield* handle(request, params)
    }))
  )
