/**
 * What a failed connection means, from the error codes Node's sockets, DNS and TLS give: why the
 * request got no answer, whether trying again could help, and whether it was ever sent — decided
 * here, once, and carried on the error.
 */
import { Predicate } from "effect"
import type { Unreachable } from "./CppError.ts"

/** Why a request got no answer, from the error codes Node's sockets, DNS and TLS give. */
const unreachableCodes: ReadonlyArray<readonly [Unreachable, ReadonlyArray<string>]> = [
  ["ConnectionRefused", ["ECONNREFUSED"]],
  ["HostNotFound", ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]],
  ["CertificateUntrusted", [
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "CERT_UNTRUSTED",
    "ERR_TLS_CERT_ALTNAME_INVALID"
  ]],
  ["NoResponse", ["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]]
]

// Failures where the request provably never left this machine: safe to repeat even a POST. An
// untrusted certificate ends the handshake before any request byte is written.
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

/** The error codes along a cause chain (and inside an AggregateError, as happy eyeballs throws). */
const causeCodes = (cause: unknown, depth = 0): ReadonlyArray<string> => {
  if (!Predicate.isObject(cause) || depth > 8) return []
  const { code, errors, cause: next } = cause as { code?: unknown; errors?: unknown; cause?: unknown }
  return [
    ...(typeof code === "string" ? [code] : []),
    ...(Array.isArray(errors) ? errors.flatMap((error) => causeCodes(error, depth + 1)) : []),
    ...causeCodes(next, depth + 1)
  ]
}

const unreachableOf = (codes: ReadonlyArray<string>): Unreachable =>
  unreachableCodes.find(([, known]) => codes.some((code) => known.includes(code)))?.[0] ?? "ConnectionLost"

const unreachableText = (unreachable: Unreachable, url: URL): string => {
  switch (unreachable) {
    case "ConnectionRefused":
      return `connection refused by ${url.host}: nothing is listening there`
    case "HostNotFound":
      return `host not found: ${url.hostname} does not resolve`
    case "CertificateUntrusted":
      return `the TLS certificate of ${url.host} is not trusted`
    case "NoResponse":
      return `no route to ${url.host}, or it did not accept the connection in time`
    case "ConnectionLost":
      return `the connection to ${url.host} failed`
  }
}

/** Some failures would fail the same way again at once: a name that does not resolve, an untrusted certificate. */
const worthRetrying = (unreachable: Unreachable, codes: ReadonlyArray<string>): boolean =>
  unreachable !== "CertificateUntrusted" && !(unreachable === "HostNotFound" && !codes.includes("EAI_AGAIN"))

export interface TransportJudgement {
  readonly unreachable: Unreachable
  readonly message: string
  /** Would the same request, tried again at once, possibly succeed. */
  readonly worthRetrying: boolean
  /** The request provably never left this machine: safe to repeat even a POST. */
  readonly neverSent: boolean
}

/** Judges a transport failure's cause for a request to `url`. */
export const judgeTransportFailure = (cause: unknown, url: URL): TransportJudgement => {
  const codes = causeCodes(cause)
  const unreachable = unreachableOf(codes)
  return {
    unreachable,
    message: unreachableText(unreachable, url),
    worthRetrying: worthRetrying(unreachable, codes),
    neverSent: unreachable === "CertificateUntrusted" || codes.some((code) => neverSentCodes.has(code))
  }
}
