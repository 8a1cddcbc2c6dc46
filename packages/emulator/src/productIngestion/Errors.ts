/**
 * How the Product Ingestion API answers errors: `{ "error": { "code", "message", "details": [] } }`
 * with the documented codes (badRequest, unauthorized, forbidden, notFound, methodNotAllowed,
 * conflict, ...) and inner `details` codes (operationCanceled, productLocked, invalidState).
 */
import { Effect, Schema } from "effect"
import { HttpServerResponse } from "effect/http"

export class PiaFailure extends Schema.TaggedError<PiaFailure>()("PiaFailure", {
  status: Schema.Number,
  code: Schema.String,
  message: Schema.String,
  details: Schema.Array(Schema.Struct({ code: Schema.String, message: Schema.String })),
  headers: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}) {}

export const piaErrorResponse = (
  status: number,
  code: string,
  message: string,
  details: ReadonlyArray<{ readonly code: string; readonly message: string }> = [],
  headers: Readonly<Record<string, string>> = {}
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.jsonUnsafe({ error: { code, message, details } }, { status, headers })

export const answeringPiaFailures = <R>(
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, PiaFailure, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> =>
  Effect.catchTag(handler, "PiaFailure", (f) => Effect.succeed(piaErrorResponse(f.status, f.code, f.message, f.details, f.headers)))

export const piaFailure = (
  status: number,
  code: string,
  message: string,
  details: ReadonlyArray<{ readonly code: string; readonly message: string }> = []
) => new PiaFailure({ status, code, message, details: [...details] })
