/**
 * An error the emulated service answers with. Handlers fail with it and one
 * place turns it into the only documented error shape,
 * `{ "error": { "code", "message" } }` (cpp-api.md §4).
 */
import { Effect, Schema } from "effect"
import { HttpServerResponse } from "effect/http"

export class ApiFailure extends Schema.TaggedError<ApiFailure>()("ApiFailure", {
  status: Schema.Number,
  code: Schema.String,
  message: Schema.String,
  headers: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}) {}

export const errorResponse = (
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {}
): HttpServerResponse.HttpServerResponse => HttpServerResponse.jsonUnsafe({ error: { code, message } }, { status, headers })

export const failureResponse = (failure: ApiFailure): HttpServerResponse.HttpServerResponse =>
  errorResponse(failure.status, failure.code, failure.message, failure.headers)

/** Answers a handler's ApiFailure as its error body. */
export const answeringFailures = <R>(
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, ApiFailure, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> =>
  Effect.catchTag(handler, "ApiFailure", (failure) => Effect.succeed(failureResponse(failure)))

export const notFound = (message: string): ApiFailure => new ApiFailure({ status: 404, code: "NotFound", message })

export const badRequest = (code: string, message: string): ApiFailure => new ApiFailure({ status: 400, code, message })
