/**
 * Who may use the admin API: only a client of this run, not a web page the user happens to have
 * open. A browser can send a cross-site `text/plain` POST and, by DNS rebinding, a request whose
 * `Host` names another site; neither can send a custom header with a secret it never saw. So every
 * `/_emulator` request needs this run's admin token (`x-emulator-admin-token`), the emulator's own
 * `Host` (127.0.0.1 or localhost, with its port), and a body, if any, declared as JSON.
 */
import { timingSafeEqual } from "node:crypto"
import type { HttpServerRequest, HttpServerResponse } from "effect/http"
import { errorResponse } from "./ApiFailure.ts"

export const adminTokenHeader = "x-emulator-admin-token"

const same = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const withoutBody = new Set(["GET", "HEAD", "DELETE", "OPTIONS"])

export const makeAdminGate = (options: { readonly port: number; readonly token: string }) => {
  const hosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`])
  return (request: HttpServerRequest.HttpServerRequest): HttpServerResponse.HttpServerResponse | undefined => {
    const host = request.headers["host"]?.toLowerCase()
    if (host === undefined || !hosts.has(host)) {
      return errorResponse(421, "MisdirectedRequest", "The admin API answers only requests addressed to 127.0.0.1 or localhost on its own port.")
    }
    const token = request.headers[adminTokenHeader]
    if (token === undefined || !same(token, options.token)) {
      return errorResponse(401, "AdminTokenRequired", `The admin API needs this run's admin token in the ${adminTokenHeader} header (\`pnpm -s emulator env\` prints it).`)
    }
    const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase()
    if (!withoutBody.has(request.method) && type !== "application/json") {
      return errorResponse(415, "UnsupportedMediaType", "The admin API takes only application/json bodies.")
    }
    return undefined
  }
}
