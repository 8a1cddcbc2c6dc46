/**
 * Refusals in Microsoft Entra's shape (`error`, `error_description` starting
 * `AADSTS…`, `error_codes`, trace and correlation ids), so clients such as MSAL
 * surface them as they would the real ones.
 */
import { randomUUID } from "node:crypto"
import { HttpServerResponse } from "effect/http"
import type { VirtualClock } from "./Clock.ts"

export interface EntraError {
  readonly status: number
  readonly error: string
  readonly code: number
  readonly description: string
}

export const entraError = (clock: VirtualClock, failure: EntraError) => {
  const traceId = randomUUID()
  const correlationId = randomUUID()
  const timestamp = new Date(clock.now()).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z")
  return HttpServerResponse.jsonUnsafe({
    error: failure.error,
    error_description:
      `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`
  }, { status: failure.status })
}

export const missing = (name: string): EntraError => ({
  status: 400,
  error: "invalid_request",
  code: 900144,
  description: `The request body must contain the following parameter: '${name}'.`
})

export const unknownTenant = (tenant: string): EntraError => ({
  status: 400,
  error: "invalid_request",
  code: 90002,
  description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
})
