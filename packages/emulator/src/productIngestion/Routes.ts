/**
 * The routes of the Product Ingestion API under `/rp/product-ingestion`: products by external id,
 * a product's submissions, and configure jobs (start, status, detail, cancel). Every handler
 * checks, in order: a token for Graph (401), `$version` (400 when malformed; defaulted when left
 * out, which the gate refuses in strict mode), then what it is about: unknown (404), or in an
 * account the token cannot see (403).
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import type { EmulatorSettings } from "../ApiGuard.ts"
import { type Auth, canAccess, type Grant, graphResource } from "../Auth.ts"
import { isObject, parseJson } from "../DocumentedSurface.ts"
import { answeringPiaFailures, PiaFailure, piaFailure } from "./Errors.ts"
import { unauthorizedAnswer } from "./Gate.ts"
import type { ConfigureJob } from "./Job.ts"
import { configureDetailBody, configureStatusBody, productBody, submissionBody } from "./Representation.ts"
import { defaultVersion, productIngestionBasePath } from "./Surface.ts"
import type { ProductIngestionVariants } from "./Variants.ts"
import type { PiaProduct, ProductIngestionWorld } from "./World.ts"

export interface ProductIngestionEnv {
  readonly world: ProductIngestionWorld
  readonly auth: Auth
  /** The emulator's own base URL, for a completed job's `resourceUri`. */
  readonly baseUrl: string
  readonly settings: EmulatorSettings
  readonly variants: { current: ProductIngestionVariants }
}

type Params = Readonly<Record<string, string | undefined>>

interface Call {
  readonly request: HttpServerRequest.HttpServerRequest
  readonly params: Params
  readonly grant: Grant
  /** The `$version` asked for, or the default. */
  readonly version: string
  readonly query: URLSearchParams
}

const route = (
  env: ProductIngestionEnv,
  method: "GET" | "POST",
  path: `/${string}`,
  handle: (call: Call) => Effect.Effect<HttpServerResponse.HttpServerResponse, PiaFailure>
) =>
  HttpRouter.route(
    method,
    `${productIngestionBasePath}${path}`,
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      const verification = env.auth.verify(request.headers["authorization"], graphResource)
      if (verification._tag !== "Valid") return unauthorizedAnswer(verification._tag)
      const query = new URL(request.url, "http://emulator").searchParams
      const version = query.get("$version") ?? defaultVersion
      if (!/^\d{4}-\d{2}-\d{2}(-preview\d+)?$/.test(version)) {
        return yield* piaFailure(400, "badRequest", `The $version '${version}' is not a version of this API, e.g. ${defaultVersion}.`)
      }
      return yield* handle({ request, params, grant: verification.grant, version, query })
    }).pipe(answeringPiaFailures)
  )

const forbidden = (what: string) => piaFailure(403, "forbidden", `The caller does not have access to ${what}.`)

const requireProduct = (env: ProductIngestionEnv, call: Call): Effect.Effect<PiaProduct, PiaFailure> => {
  const id = call.params["productId"] ?? ""
  // A durable id only: the path names no product by its external id.
  const product = env.world.product(id)
  if (product === undefined) {
    return Effect.fail(piaFailure(404, "notFound", `Product '${id}' was not found.`))
  }
  return canAccess(call.grant, product.account) ? Effect.succeed(product) : Effect.fail(forbidden(`product/${product.guid}`))
}

const requireJob = (env: ProductIngestionEnv, call: Call): Effect.Effect<ConfigureJob, PiaFailure> => {
  const id = call.params["jobId"] ?? ""
  const job = env.world.job(id)
  if (job === undefined) return Effect.fail(piaFailure(404, "notFound", `Job '${id}' was not found.`))
  return job.account === undefined || canAccess(call.grant, job.account) ? Effect.succeed(job) : Effect.fail(forbidden(`job ${id}`))
}

const statusOf = (env: ProductIngestionEnv, job: ConfigureJob, call: Call, state = env.world.jobState(job)) =>
  configureStatusBody(job, state, call.version, env.variants.current, `${env.baseUrl}${productIngestionBasePath}/configure/${job.id}`)

const submissionsRoute = (env: ProductIngestionEnv, path: `/${string}`) =>
  route(env, "GET", path, (call) =>
    Effect.map(requireProduct(env, call), (product) => {
      const targetType = call.query.get("targetType")
      const value = env.world.submissions(product)
        .filter((s) => targetType === null || s.target === targetType)
        .map((s) => submissionBody(s, call.version))
      return HttpServerResponse.jsonUnsafe({ value })
    }))

export const productIngestionRoutes = (env: ProductIngestionEnv) => [
  route(env, "GET", "/product", (call) => {
    const externalId = call.query.get("externalId")
    const value = env.world.products()
      .filter((p) => canAccess(call.grant, p.account) && (externalId === null || p.externalId === externalId))
      .map((p) => productBody(p, call.version))
    return Effect.succeed(HttpServerResponse.jsonUnsafe({ value }))
  }),
  submissionsRoute(env, "/submission/:productId"),
  submissionsRoute(env, "/submission/product/:productId"),
  route(env, "POST", "/configure", (call) =>
    Effect.gen(function*() {
      const text = yield* Effect.orElseSucceed(call.request.text, () => "")
      const body = parseJson(text)
      if (!isObject(body)) return yield* piaFailure(400, "badRequest", "The request body must be a configure document (a JSON object).")
      const resources = Array.isArray(body["resources"]) ? body["resources"] : []
      const { product } = env.world.productNamedIn(resources)
      if (product !== undefined && !canAccess(call.grant, product.account)) return yield* forbidden(`product/${product.guid}`)
      const outcome = env.world.startJob({ resources })
      if (outcome._tag === "Locked") {
        const message = `The product is locked by configure job ${outcome.running.id}, which has not completed.`
        return yield* piaFailure(409, "conflict", message, [{ code: "productLocked", message }])
      }
      return HttpServerResponse.jsonUnsafe(statusOf(env, outcome.job, call), { status: 202 })
    })),
  route(env, "GET", "/configure/:jobId/status", (call) =>
    Effect.map(requireJob(env, call), (job) => {
      const state = env.world.pollStatus(job)
      const retryAfter = env.variants.current.statusRetryAfterSeconds
      return HttpServerResponse.jsonUnsafe(statusOf(env, job, call, state), {
        headers: state.status !== "completed" && retryAfter > 0 ? { "retry-after": String(retryAfter) } : {}
      })
    })),
  route(env, "GET", "/configure/:jobId", (call) =>
    Effect.gen(function*() {
      const job = yield* requireJob(env, call)
      if (env.world.jobState(job).status !== "completed") {
        // The docs say the detail fails while the job runs, not how [?].
        const message = `Job ${job.id} has not completed; read configure/${job.id}/status until it has.`
        return yield* piaFailure(400, "badRequest", message, [{ code: "invalidState", message }])
      }
      return HttpServerResponse.jsonUnsafe(configureDetailBody(job, call.version))
    })),
  route(env, "POST", "/configure/:jobId/cancel", (call) =>
    Effect.gen(function*() {
      const job = yield* requireJob(env, call)
      const outcome = env.world.cancel(job, env.variants.current.cancelSettlesAfterPolls)
      switch (outcome._tag) {
        case "AlreadyCompleted":
          // The documented refusal, word for word.
          return yield* piaFailure(400, "badRequest", "Cannot cancel job, job has already completed.")
        case "TooFarAlong": {
          // "May be rejected if the job is far enough along"; the answer is the emulator's reading [?].
          const message = `Cannot cancel job, job is publishing to ${job.target ?? "preview"}.`
          return yield* piaFailure(400, "badRequest", message, [{ code: "invalidState", message }])
        }
        case "Accepted":
          return HttpServerResponse.jsonUnsafe(statusOf(env, job, call), { status: env.variants.current.cancelStatus })
      }
    }))
]
