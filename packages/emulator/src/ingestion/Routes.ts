/**
 * The routes of Partner Center's ingestion API v1.0 under `/v1.0/ingestion`: products (filtered
 * and paged), a product's submissions, one submission, its DELETE (Partner Center's "Cancel
 * publish"), workflow details, promote, validations and reports. Every handler checks, in order:
 * a token for this API (401), the `x-ms-publisherId` header when the variant demands it (400), the
 * product existing (404) and the token's access to its account (403), then the submission (404).
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import type { EmulatorSettings } from "../ApiGuard.ts"
import { type Auth, canAccess, type Grant, partnerCenterResource } from "../Auth.ts"
import { answeringIngestionFailures, fail, IngestionFailure } from "./Errors.ts"
import { type Filterable, type Filterables, parseFilter } from "./Filter.ts"
import { unauthorizedHeaders } from "./Gate.ts"
import { page, readSkipToken } from "./Paging.ts"
import { productBody, reportBodies, submissionBody, workflowBody } from "./Representation.ts"
import { ingestionBasePath } from "./Surface.ts"
import type { Submission } from "./Submission.ts"
import type { IngestionVariants } from "./Variants.ts"
import type { IngestionWorld, Product } from "./World.ts"

export interface IngestionEnv {
  readonly world: IngestionWorld
  readonly auth: Auth
  /** The emulator's own base URL, for absolute next-page links. */
  readonly baseUrl: string
  readonly settings: EmulatorSettings
  readonly variants: { current: IngestionVariants }
}

type Params = Readonly<Record<string, string | undefined>>
type Handler = (
  request: HttpServerRequest.HttpServerRequest,
  params: Params
) => Effect.Effect<HttpServerResponse.HttpServerResponse, IngestionFailure>

const route = (env: IngestionEnv, method: "GET" | "POST" | "DELETE", path: `/${string}`, handle: Handler) =>
  HttpRouter.route(
    method,
    `${ingestionBasePath}${path}`,
    answeringIngestionFailures(() => env.variants.current, Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      return yield* handle(request, params)
    }))
  )

/** The caller's grant, once its token (and, in June 2026's variant, its publisher id header) check out. */
const authorize = (env: IngestionEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest): Effect.fn.Return<Grant, IngestionFailure> {
    const verification = env.auth.verify(request.headers["authorization"], partnerCenterResource)
    if (verification._tag !== "Valid") {
      return yield* fail(401, "Authorization has been denied for this request.", unauthorizedHeaders(verification._tag))
    }
    if (env.variants.current.requirePublisherIdHeader && !/^[1-9]\d{0,17}$/.test(request.headers["x-ms-publisherid"] ?? "")) {
      return yield* new IngestionFailure({
        status: 400,
        message: "One or more validation errors occurred.",
        errors: { "x-ms-publisherId": ["The x-ms-publisherId header is required and must be a positive number."] }
      })
    }
    return verification.grant
  })

const requireProduct = (env: IngestionEnv, grant: Grant, productId: string): Effect.Effect<Product, IngestionFailure> => {
  const product = env.world.product(productId)
  if (product === undefined) return Effect.fail(fail(404, `Product '${productId}' was not found.`))
  return canAccess(grant, product.account)
    ? Effect.succeed(product)
    : Effect.fail(fail(403, `The caller does not have access to product '${productId}'.`))
}

const authorizedProduct = (env: IngestionEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest, params: Params) {
    const grant = yield* authorize(env)(request)
    return yield* requireProduct(env, grant, params["productId"] ?? "")
  })

const authorizedSubmission = (env: IngestionEnv) =>
  Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest, params: Params) {
    const product = yield* authorizedProduct(env)(request, params)
    const id = params["submissionId"] ?? ""
    const submission = env.world.submission(product, id)
    if (submission === undefined) return yield* fail(404, `Submission '${id}' was not found for product '${product.id}'.`)
    return { product, submission }
  })

const requestUrl = (request: HttpServerRequest.HttpServerRequest): URL => new URL(request.url, "http://emulator")

const filterOf = (request: HttpServerRequest.HttpServerRequest, allowed: Filterables) => {
  const text = requestUrl(request).searchParams.get("$filter")
  if (text === null) return Effect.succeed(undefined)
  const parsed = parseFilter(text, allowed)
  return "error" in parsed ? Effect.fail(fail(400, `Invalid $filter: ${parsed.error}.`)) : Effect.succeed(parsed.filter)
}

const paged = <A>(env: IngestionEnv, request: HttpServerRequest.HttpServerRequest, items: ReadonlyArray<A>) => {
  const url = requestUrl(request)
  const offset = readSkipToken(url.searchParams.get("$skipToken"))
  if (offset === undefined) return Effect.fail(fail(400, "The $skipToken is not valid."))
  return Effect.succeed(HttpServerResponse.jsonUnsafe(
    page(items, offset, { url, apiBase: `${env.baseUrl}${ingestionBasePath}` }, env.variants.current)
  ))
}

const productFilterable = (product: Product): Filterable => ({
  property: (name) => (name === "resourcetype" ? product.resourceType : undefined),
  collection: (name) => (name === "externalids" ? product.externalIds : undefined)
})

const submissionFilterable = (env: IngestionEnv, submission: Submission): Filterable => {
  const view = env.world.stateOf(submission)
  return {
    property: (name) => (name === "state" ? view.state : undefined),
    collection: (name) => (name === "targets" ? [{ type: "Scope", value: view.target }] : undefined)
  }
}

const expandsPublishOption = (request: HttpServerRequest.HttpServerRequest): boolean =>
  (requestUrl(request).searchParams.get("$expand") ?? "").toLowerCase().split(",").some((e) => e.trim() === "publishoption")

const oneSubmission = (env: IngestionEnv, submission: Submission, request: HttpServerRequest.HttpServerRequest) =>
  submissionBody(submission, env.world.stateOf(submission), expandsPublishOption(request))

export const ingestionRoutes = (env: IngestionEnv) => [
  route(env, "GET", "/products", (request) =>
    Effect.gen(function*() {
      const grant = yield* authorize(env)(request)
      const filter = yield* filterOf(request, { properties: ["resourcetype"], collections: ["externalids"] })
      const visible = env.world.products()
        .filter((p) => canAccess(grant, p.account))
        .filter((p) => filter === undefined || filter(productFilterable(p)))
      return yield* paged(env, request, visible.map((p) => productBody(p, env.variants.current)))
    })),
  route(env, "GET", "/products/:productId", (request, params) =>
    Effect.map(authorizedProduct(env)(request, params), (product) => HttpServerResponse.jsonUnsafe(productBody(product, env.variants.current)))),
  route(env, "GET", "/products/:productId/submissions", (request, params) =>
    Effect.gen(function*() {
      const product = yield* authorizedProduct(env)(request, params)
      const filter = yield* filterOf(request, { properties: ["state"], collections: ["targets"] })
      // The call's own samples filter with `?state=InProgress`.
      const state = requestUrl(request).searchParams.get("state")?.toLowerCase()
      const matching = env.world.submissions(product)
        .filter((s) => filter === undefined || filter(submissionFilterable(env, s)))
        .filter((s) => state === undefined || state === "" || env.world.stateOf(s).state.toLowerCase() === state)
      return yield* paged(env, request, matching.map((s) => oneSubmission(env, s, request)))
    })),
  route(env, "GET", "/products/:productId/submissions/:submissionId", (request, params) =>
    Effect.map(
      authorizedSubmission(env)(request, params),
      ({ submission }) => HttpServerResponse.jsonUnsafe(oneSubmission(env, submission, request))
    )),
  route(env, "DELETE", "/products/:productId/submissions/:submissionId", (request, params) =>
    Effect.gen(function*() {
      const { submission } = yield* authorizedSubmission(env)(request, params)
      const outcome = env.world.delete(submission)
      if (outcome._tag === "Refused") return yield* fail(env.variants.current.deleteRefusal, outcome.reason)
      return HttpServerResponse.empty({ status: 204 })
    })),
  route(env, "GET", "/products/:productId/submissions/:submissionId/workflowdetails", (request, params) =>
    Effect.gen(function*() {
      const { submission } = yield* authorizedSubmission(env)(request, params)
      const workflows = env.world.stateOf(submission).workflows.map(workflowBody)
      if (env.variants.current.workflowDetails === "array") return HttpServerResponse.jsonUnsafe(workflows)
      return yield* paged(env, request, workflows)
    })),
  route(env, "POST", "/products/:productId/submissions/:submissionId/promote", (request, params) =>
    Effect.gen(function*() {
      const { submission } = yield* authorizedSubmission(env)(request, params)
      const outcome = env.world.promote(submission)
      // 409 for a submission not waiting at sign-off is the emulator's reading [?].
      if (outcome._tag === "Refused") return yield* fail(409, outcome.reason)
      const live = env.world.stateOf(submission).workflows.find((w) => w.targetEnvironment === "Live")
      return HttpServerResponse.jsonUnsafe(live === undefined ? {} : workflowBody(live))
    })),
  route(env, "GET", "/products/:productId/submissions/:submissionId/validations", (request, params) =>
    Effect.map(authorizedSubmission(env)(request, params), ({ submission }) => {
      const failed = env.world.stateOf(submission).substate === "FailedInCertification"
      return HttpServerResponse.jsonUnsafe({
        value: failed
          ? [{ errorCode: "CertificationFailed", severity: "Error", message: "The submission failed certification.", resource: "" }]
          : []
      })
    })),
  route(env, "GET", "/products/:productId/submissions/:submissionId/reports", (request, params) =>
    Effect.map(
      authorizedSubmission(env)(request, params),
      ({ submission }) => HttpServerResponse.jsonUnsafe({ value: reportBodies(env.world.stateOf(submission)) })
    ))
]
