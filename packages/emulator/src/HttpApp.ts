/**
 * The emulator's HTTP application: every route on one router, each API's paths
 * behind that API's gate (`/api` for CPP, `/v1.0/ingestion`, `/rp/product-ingestion`), wrapped in the transport concerns that are not the
 * service's business, namely injected faults and the request log. Admin calls
 * bypass all of it, so a test can always reach the controls, but pass the admin gate
 * (AdminGate.ts) first.
 */
import { Duration, Effect, type Scope } from "effect"
import { HttpRouter, HttpServerError, HttpServerRequest, type HttpServerResponse } from "effect/http"
import { errorResponse } from "./ApiFailure.ts"
import type { Gate, Verdict } from "./SurfaceGate.ts"
import type { VirtualClock } from "./Clock.ts"
import { hang, hugeBody, malformed, resetConnection, slowBody, statusFault, truncate } from "./FaultResponse.ts"
import type { FaultRule, Faults } from "./Faults.ts"
import { redactBody, redactHeaders, type RequestLog } from "./RequestLog.ts"

export interface TransportEnv {
  readonly clock: VirtualClock
  readonly faults: Faults
  readonly log: RequestLog
  /** Decide on each API's requests before the router sees them (SurfaceGate.ts), by the API's base path. */
  readonly gates: ReadonlyArray<{ readonly basePath: string; readonly gate: Gate }>
  /** Decides on `/_emulator` requests: the answer that refuses one, or undefined. */
  readonly adminGate: (request: HttpServerRequest.HttpServerRequest) => HttpServerResponse.HttpServerResponse | undefined
}

type Routes = ReadonlyArray<HttpRouter.Route<never, never>>

type App = Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest | Scope.Scope>

const notFound = errorResponse(404, "NotFound", "The requested resource does not exist.")

const isRouteNotFound = (error: unknown): boolean =>
  error instanceof HttpServerError.HttpServerError && error.reason._tag === "RouteNotFound"

const withFault = (
  fault: FaultRule | undefined,
  request: HttpServerRequest.HttpServerRequest,
  app: App
): App => {
  switch (fault?.kind) {
    case undefined:
    case "latency":
      return app
    case "status":
      return Effect.succeed(statusFault(fault))
    case "reset":
      return resetConnection(request)
    case "reset-after":
      // The service acts (a cancel takes effect), then its answer is lost: the lost-answer case.
      return Effect.flatMap(app, () => resetConnection(request))
    case "truncate":
      return Effect.map(app, truncate)
    case "malformed":
      return Effect.map(app, malformed)
    case "slow-body":
      return Effect.map(app, (response) => slowBody(response, fault.latencyMs ?? 1000))
    case "huge-body":
      return Effect.map(app, (response) => hugeBody(response, fault.bytes ?? 64 * 1024 * 1024))
    case "hang":
      // The request log has the entry already (see below): nothing more ever comes.
      return hang(request)
  }
}

const isUnder = (basePath: string, url: string): boolean =>
  url === basePath || url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`)

const withFaultsAndLog = (env: TransportEnv, app: App): App =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (request.url.startsWith("/_emulator")) return env.adminGate(request) ?? (yield* app)
    const virtualTime = env.clock.now()
    const realTime = Date.now()
    const body = yield* Effect.orElseSucceed(request.text, () => "")
    const gate = env.gates.find((g) => isUnder(g.basePath, request.url))?.gate
    const verdict: Verdict = gate === undefined
      ? { undocumented: [], answer: undefined }
      : gate({ method: request.method, url: request.url, headers: request.headers, body })
    const plan = env.faults.plan(request.method, request.url)
    if (plan.latencyMs > 0) yield* Effect.sleep(Duration.millis(plan.latencyMs))
    const gated = verdict.answer === undefined ? app : Effect.succeed(verdict.answer)
    const entry = {
      method: request.method,
      path: request.url,
      headers: redactHeaders(request.headers),
      body: redactBody(body),
      ...(plan.fault === undefined ? {} : { fault: plan.fault.kind }),
      ...(verdict.undocumented.length === 0 ? {} : { undocumented: verdict.undocumented }),
      virtualTime,
      realTime
    }
    if (plan.fault?.kind === "hang") env.log.record({ ...entry, status: 0 })
    const response = yield* withFault(plan.fault, request, gated)
    env.log.record({
      ...entry,
      status: plan.fault?.kind === "reset" || plan.fault?.kind === "reset-after" ? 0 : response.status
    })
    return response
  })

export const makeHttpApp = Effect.fnUntraced(function*(env: TransportEnv, routes: Routes) {
  const router = yield* HttpRouter.make.pipe(
    // The docs write `/submissions/?api-version=...` with a trailing slash.
    Effect.provideService(HttpRouter.RouterConfig, { ignoreTrailingSlash: true })
  )
  yield* router.addAll(routes)
  const routed: App = router.asHttpEffect().pipe(
    Effect.catchCause((cause) =>
      cause.reasons.some((reason) => reason._tag === "Fail" && isRouteNotFound(reason.error))
        ? Effect.succeed(notFound)
        : Effect.as(
          Effect.logError("Emulator request failed", cause),
          errorResponse(500, "InternalServerError", "The emulator failed to handle the request.")
        )
    )
  )
  return withFaultsAndLog(env, routed)
})
