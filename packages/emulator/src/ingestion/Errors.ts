/**
 * How the ingestion API answers errors. The Swagger declares every error as `type: string`; the
 * emulator sends the message as a JSON string by default, or an RFC 9110 ProblemDetails object
 * (variant `errorBody`), which the service sent in June 2026 for a missing `x-ms-publisherId`.
 * Handlers fail with an IngestionFailure and one place renders it.
 */
import { randomUUID } from "node:crypto"
import { STATUS_CODES } from "node:http"
import { Effect, Schema } from "effect"
import { HttpServerResponse } from "effect/http"
import type { IngestionVariants } from "./Variants.ts"

export class IngestionFailure extends Schema.TaggedError<IngestionFailure>()("IngestionFailure", {
  status: Schema.Number,
  message: Schema.String,
  headers: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  /** Field errors: answered as ProblemDetails `errors` whatever the `errorBody` variant. */
  errors: Schema.optionalKey(Schema.Record(Schema.String, Schema.Array(Schema.String)))
}) {}

/** RFC 9110's section for each status, as ASP.NET Core's ProblemDetails `type` names it. */
const sections: Readonly<Record<number, string>> = {
  400: "15.5.1",
  401: "15.5.2",
  403: "15.5.4",
  404: "15.5.5",
  405: "15.5.6",
  409: "15.5.10",
  415: "15.5.16",
  500: "15.6.1"
}

export const problemDetails = (
  status: number,
  detail: string,
  errors?: Readonly<Record<string, ReadonlyArray<string>>>
) => ({
  type: `https://tools.ietf.org/html/rfc9110#section-${sections[status] ?? "15"}`,
  title: errors === undefined ? STATUS_CODES[status] ?? "Error" : "One or more validation errors occurred.",
  status,
  ...(errors === undefined ? { detail } : { errors }),
  traceId: `00-${randomUUID().replace(/-/g, "")}-${randomUUID().replace(/-/g, "").slice(0, 16)}-00`
})

/** What an error answer says, whether a handler failed or the gate refused. */
export interface ErrorAnswer {
  readonly status: number
  readonly message: string
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly errors?: Readonly<Record<string, ReadonlyArray<string>>> | undefined
}

export const ingestionErrorResponse = (
  variants: IngestionVariants,
  failure: ErrorAnswer
): HttpServerResponse.HttpServerResponse => {
  const headers = failure.headers ?? {}
  if (variants.errorBody === "problemDetails" || failure.errors !== undefined) {
    return HttpServerResponse.jsonUnsafe(problemDetails(failure.status, failure.message, failure.errors), {
      status: failure.status,
      headers,
      contentType: "application/problem+json; charset=utf-8"
    })
  }
  return HttpServerResponse.jsonUnsafe(failure.message, { status: failure.status, headers })
}

export const answeringIngestionFailures = <R>(
  variants: () => IngestionVariants,
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, IngestionFailure, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, R> =>
  Effect.catchTag(handler, "IngestionFailure", (failure) => Effect.succeed(ingestionErrorResponse(variants(), failure)))

export const fail = (status: number, message: string, headers?: Readonly<Record<string, string>>) =>
  new IngestionFailure({ status, message, ...(headers === undefined ? {} : { headers: { ...headers } }) })
