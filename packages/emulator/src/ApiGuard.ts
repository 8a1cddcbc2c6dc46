/**
 * What every `/api` handler checks, in this order: a valid bearer token (401;
 * ApiGate has already turned away requests without one, whatever their path),
 * the one supported api-version (400), access to the publisher (403), and the
 * publisher and offer existing (404).
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, type HttpServerResponse } from "effect/http"
import { answeringFailures, ApiFailure, badRequest, notFound } from "./ApiFailure.ts"
import { type Auth, canAccess, cppResource, type Grant } from "./Auth.ts"
import { apiVersion } from "./Location.ts"
import { tokenProblem, type TokenProblem } from "./SurfaceGate.ts"
import type { Offer } from "./Offer.ts"
import type { World } from "./World.ts"

/** Switches that apply to the whole emulator and may change while it runs. */
export interface EmulatorSettings {
  /** Every offer strict, and the calls that name no offer too (see Surface.ts). */
  strict: boolean
}

export interface ApiEnv {
  readonly world: World
  readonly auth: Auth
  /** The emulator's own base URL, for absolute Operation-Location headers. */
  readonly baseUrl: string
  readonly settings: EmulatorSettings
}

/** Whether a request about this offer (or about none) gets the documented surface only. */
export const isStrict = (env: ApiEnv, offer: Offer | undefined): boolean =>
  env.settings.strict || offer?.options.strict === true

export const unauthorized = (problem: TokenProblem): ApiFailure =>
  new ApiFailure({
    status: 401,
    code: "Unauthorized",
    message: "Authorization has been denied for this request.",
    headers: { "www-authenticate": `Bearer error="invalid_token", error_description="${tokenProblem(problem, cppResource)}"` }
  })

export const searchParam = (request: HttpServerRequest.HttpServerRequest, name: string): string | undefined =>
  new URL(request.url, "http://emulator").searchParams.get(name) ?? undefined

/** The caller's grant, once its token and api-version check out. */
export const authenticate = (env: ApiEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest): Effect.fn.Return<Grant, ApiFailure> {
    const verification = env.auth.verify(request.headers["authorization"], cppResource)
    if (verification._tag !== "Valid") return yield* unauthorized(verification._tag)
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
  return env.world.publishers.hasPublisher(publisherId)
    ? Effect.void
    : Effect.fail(notFound(`Publisher '${publisherId}' was not found.`))
}

export const requireOffer = (env: ApiEnv, publisherId: string, offerId: string): Effect.Effect<Offer, ApiFailure> => {
  const offer = env.world.catalogue.offer(publisherId, offerId)
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
  method: "GET" | "POST" | "PUT",
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
