/**
 * Every way a call to the Cloud Partner Portal can fail, as typed errors the CLI and the bot map
 * exhaustively. Each HTTP error names the request (method and path, never a token or query secret)
 * and carries the API's own `error.code`/`error.message` when it sent one.
 */
import { Schema } from "effect"
import { Operation } from "./Operation.ts"

const request = {
  method: Schema.String,
  path: Schema.String
}

const apiError = {
  ...request,
  status: Schema.Number,
  code: Schema.optional(Schema.String),
  message: Schema.String
}

/** 400 or 422: the request was wrong; the message says what to fix. */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", apiError) {}

/**
 * 401, or no token could be obtained (then `status` is absent; `code` is `NoCredentials` when no
 * credential was found at all, and `tried` says where it looked).
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  ...apiError,
  status: Schema.optional(Schema.Number),
  /** The API root the request went, or would have gone, to. */
  baseUrl: Schema.optional(Schema.String),
  tried: Schema.optional(Schema.Array(Schema.String))
}) {}

/** 403: the service principal has no access to this publisher. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", apiError) {}

/** 404: no such publisher, offer or operation. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", apiError) {}

/**
 * Why no answer came, when the service itself did not answer (`status` is then absent): each has
 * its own remedy, and only some pass by waiting.
 */
export const Unreachable = Schema.Literals([
  "ConnectionRefused",
  "HostNotFound",
  "CertificateUntrusted",
  "NoResponse",
  "ConnectionLost"
])
export type Unreachable = typeof Unreachable.Type

/** 429, 5xx or a transport failure, after the bounded retries ran out. */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", {
  ...apiError,
  status: Schema.optional(Schema.Number),
  retryAfterMillis: Schema.optional(Schema.Number),
  unreachable: Schema.optional(Unreachable),
  /**
   * Whether the request reached the wire, decided once where the transport knows it: `false` when it
   * provably never left this machine (refused, not resolved, no route, untrusted), `true` when an
   * answer began, absent when it may or may not have arrived.
   */
  sent: Schema.optional(Schema.Boolean)
}) {}

/** A 2xx whose body or location header cannot be understood. */
export class InvalidResponse extends Schema.TaggedError<InvalidResponse>()("InvalidResponse", {
  ...request,
  status: Schema.Number,
  message: Schema.String
}) {}

/** The awaited operation ended `failed`. */
export class OperationFailed extends Schema.TaggedError<OperationFailed>()("OperationFailed", {
  location: Schema.String,
  operation: Operation,
  message: Schema.String
}) {}

/** The wait's deadline passed while the operation was still running; carries what was last seen. */
export class WaitTimeout extends Schema.TaggedError<WaitTimeout>()("WaitTimeout", {
  location: Schema.String,
  operation: Schema.optional(Operation),
  resumeToken: Schema.String,
  message: Schema.String
}) {}

/**
 * The cancel's answer was lost (connection reset, timeout) and the service could not show whether
 * it took: cancelling again could cancel twice, not cancelling could leave the operation running.
 */
export class CancelUnconfirmed extends Schema.TaggedError<CancelUnconfirmed>()("CancelUnconfirmed", {
  offer: Schema.String,
  operationId: Schema.String,
  message: Schema.String
}) {}

/** Which input was wrong, so the advice can give that input's accepted forms. */
export const InputName = Schema.Literals(["Offer", "OperationId", "Emails", "ResumeToken", "Location", "BaseUrl", "Settings"])
export type InputName = typeof InputName.Type

/** Input a person typed (offer reference, emails, location, resume token) that cannot be used. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  message: Schema.String,
  input: Schema.optional(InputName)
}) {}

/** What a single HTTP call to the API can fail with. */
export type HttpFailure = BadRequest | Unauthorized | Forbidden | NotFound | Unavailable | InvalidResponse

/** Everything the core can fail with, as one schema: a face tells the core's errors from its own with `isCppError`. */
export const CppError = Schema.Union([
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Unavailable,
  InvalidResponse,
  OperationFailed,
  WaitTimeout,
  InvalidInput,
  CancelUnconfirmed
]).pipe(Schema.toTaggedUnion("_tag"))
export type CppError = typeof CppError.Type

/** Whether a value is one of the core's errors (like effect/http's `isHttpClientError`). */
export const isCppError: (u: unknown) => u is CppError = Schema.is(CppError)
