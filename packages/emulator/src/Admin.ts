/**
 * The admin API under `/_emulator`: the in-process controls (seed, start
 * operations, move time, inject faults, read the log, issue tokens) as JSON
 * over HTTP, for tests and demos driving the emulator from another process.
 * Only this run's clients reach it: AdminGate checks the token, the Host and the content type.
 */
import { Cause, Effect, Schema } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { errorResponse } from "./ApiFailure.ts"
import * as Input from "./AdminSchemas.ts"
import type { Emulator } from "./Emulator.ts"

const noInput = Schema.Unknown

class UnknownOperation extends Error {}

type Method = "GET" | "POST" | "PATCH" | "DELETE"

/** What the emulator holds, or 404 when it holds nothing by that id. */
const found = <A>(value: A | undefined, message: string): A => {
  if (value === undefined) throw new UnknownOperation(message)
  return value
}

/** One admin call: decode the JSON body, run the control, answer its result (204 when there is none). */
const adminRoute = <S extends Schema.Top>(
  method: Method,
  path: `/${string}`,
  input: S,
  run: (input: S["Type"], params: Readonly<Record<string, string | undefined>>) => unknown
) =>
  HttpRouter.route(
    method,
    `/_emulator${path}`,
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      const text = yield* request.text
      const decoded = yield* Schema.decodeUnknownEffect(input)(text.trim() === "" ? {} : JSON.parse(text))
      const result = run(decoded as S["Type"], params)
      return result === undefined ? HttpServerResponse.empty({ status: 204 }) : HttpServerResponse.jsonUnsafe(result)
    }).pipe(
      Effect.catchCause((cause) => {
        const error = Cause.squash(cause)
        return Effect.succeed(
          error instanceof UnknownOperation
            ? errorResponse(404, "NotFound", error.message)
            : errorResponse(400, "InvalidAdminRequest", error instanceof Error ? error.message : String(error))
        )
      })
    ) as Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext>
  )

export const adminRoutes = (emulator: Emulator) => [
  adminRoute("GET", "/", noInput, () => ({ url: emulator.url, now: emulator.now(), strict: emulator.isStrict() })),
  adminRoute("PATCH", "/settings", Input.Settings, (i) => {
    if (i.strict !== undefined) emulator.setStrict(i.strict)
    return { strict: emulator.isStrict() }
  }),
  adminRoute("POST", "/publishers", Input.AddPublisher, (i) => emulator.addPublisher(i.publisherId, i)),
  adminRoute("POST", "/offers", Input.AddOffer, (i) => emulator.addOffer(i.publisherId, i.offerId, i.options)),
  adminRoute("PATCH", "/offers", Input.ConfigureOffer, (i) => emulator.configureOffer(i.publisherId, i.offerId, i.options)),
  adminRoute("POST", "/principals", Input.AddPrincipal, (i) => emulator.addPrincipal(i)),
  adminRoute("POST", "/tokens", Input.IssueToken, (i) => ({ token: emulator.issueToken(i) })),
  adminRoute("POST", "/operations", Input.StartOperation, (i) => emulator.startOperation(i.publisherId, i.offerId, i.kind)),
  adminRoute("GET", "/operations/:id", noInput, (_, params) => {
    const snapshot = emulator.operation(params["id"] ?? "")
    if (snapshot === undefined) throw new UnknownOperation(`No operation ${params["id"]}`)
    return snapshot
  }),
  adminRoute("GET", "/clock", noInput, () => ({ now: emulator.now() })),
  adminRoute("POST", "/clock/advance", Input.Advance, (i) => {
    emulator.advance(i.ms)
    return { now: emulator.now() }
  }),
  adminRoute("POST", "/faults", Input.FaultRule, (i) => emulator.addFault(i)),
  adminRoute("DELETE", "/faults", noInput, () => emulator.clearFaults()),
  adminRoute("GET", "/requests", noInput, () => emulator.requests()),
  adminRoute("DELETE", "/requests", noInput, () => emulator.clearRequests()),
  // #18: Partner Center's ingestion API v1.0 and the Product Ingestion API.
  adminRoute("POST", "/partner-center/products", Input.AddPartnerCenterProduct, (i) => emulator.partnerCenter.addProduct(i)),
  adminRoute("POST", "/partner-center/submissions", Input.StartSubmission, ({ product, ...options }) =>
    emulator.partnerCenter.startSubmission(product, options)),
  adminRoute("GET", "/partner-center/submissions/:id", noInput, (_, params) =>
    found(emulator.partnerCenter.submission(params["id"] ?? ""), `No submission ${params["id"]}`)),
  adminRoute("PATCH", "/partner-center/variants", Input.IngestionVariants, (i) => emulator.partnerCenter.setVariants(i)),
  adminRoute("POST", "/product-ingestion/products", Input.AddPiaProduct, (i) => emulator.productIngestion.addProduct(i)),
  adminRoute("POST", "/product-ingestion/jobs", Input.StartConfigureJob, ({ product, ...options }) =>
    emulator.productIngestion.startConfigureJob(product, options)),
  adminRoute("GET", "/product-ingestion/jobs/:id", noInput, (_, params) =>
    found(emulator.productIngestion.job(params["id"] ?? ""), `No configure job ${params["id"]}`)),
  adminRoute("PATCH", "/product-ingestion/variants", Input.ProductIngestionVariants, (i) => emulator.productIngestion.setVariants(i))
]
