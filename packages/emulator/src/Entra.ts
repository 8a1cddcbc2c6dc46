/**
 * Token issuance in Microsoft Entra's shape: the v2 client-credentials endpoint
 * with `scope`, the v1 endpoint with `resource` that the CPP docs describe
 * (cpp-api.md §1.1), refusing what Entra would refuse. The token is for the API
 * the scope or resource names (CPP, Partner Center v1.0 or Graph for the Product
 * Ingestion API), and only that API accepts it.
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { type Audience, audienceNamed, type Auth, type Principal } from "./Auth.ts"
import type { VirtualClock } from "./Clock.ts"
import { type EntraError, entraError, missing, unknownTenant } from "./EntraError.ts"

export interface EntraEnv {
  readonly auth: Auth
  readonly clock: VirtualClock
  readonly baseUrl: string
  readonly tokenTtlSeconds: number
}

type Audienced = { readonly audience: Audience } | EntraError

/** v2 asks for `{resource}/.default`; anything else is not a client-credentials scope. */
const checkScope = (scope: string | null): Audienced => {
  if (scope === null) return missing("scope")
  const defaults = scope.split(" ").filter((s) => s.endsWith("/.default"))
  if (defaults.length === 0) {
    return {
      status: 400,
      error: "invalid_scope",
      code: 1002012,
      description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
    }
  }
  const audience = defaults.map((s) => audienceNamed(s.slice(0, -"/.default".length))).find((a) => a !== undefined)
  return audience === undefined ? unknownResource(scope) : { audience }
}

const checkResource = (resource: string | null): Audienced => {
  if (resource === null) return missing("resource")
  const audience = audienceNamed(resource)
  return audience === undefined ? unknownResource(resource) : { audience }
}

const unknownResource = (name: string): EntraError => ({
  status: 400,
  error: "invalid_resource",
  code: 500011,
  description: `The resource principal named ${name} was not found in the tenant.`
})

const tokenRoute = (env: EntraEnv, version: "v1" | "v2") =>
  HttpRouter.route(
    "POST",
    version === "v2" ? "/:tenant/oauth2/v2.0/token" : "/:tenant/oauth2/token",
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const tenant = (yield* HttpRouter.params)["tenant"] ?? ""
      const form = new URLSearchParams(yield* Effect.orElseSucceed(request.text, () => ""))
      const checked = checkTokenRequest(env, tenant, form, version)
      if ("failure" in checked) return entraError(env.clock, checked.failure)
      const { principal, audience } = checked
      const ttl = env.tokenTtlSeconds
      const { token, grant } = env.auth.issue({
        publishers: principal.publishers,
        audience,
        ttlSeconds: ttl,
        clientId: principal.clientId,
        tenantId: tenant
      })
      if (version === "v2") {
        return HttpServerResponse.jsonUnsafe({ token_type: "Bearer", expires_in: ttl, ext_expires_in: ttl, access_token: token })
      }
      // The v1 endpoint sends every number as a string.
      const seconds = (ms: number) => String(Math.floor(ms / 1000))
      return HttpServerResponse.jsonUnsafe({
        token_type: "Bearer",
        expires_in: String(ttl),
        ext_expires_in: String(ttl),
        expires_on: seconds(grant.expiresAt),
        not_before: seconds(env.clock.now()),
        resource: form.get("resource"),
        access_token: token
      })
    })
  )

type Checked = { readonly principal: Principal; readonly audience: Audience } | { readonly failure: EntraError }

const refuse = (failure: EntraError): Checked => ({ failure })

/** The principal asking for a token, or why Entra would refuse it, checked in Entra's order. */
const checkTokenRequest = (env: EntraEnv, tenant: string, form: URLSearchParams, version: "v1" | "v2"): Checked => {
  if (!env.auth.knowsTenant(tenant)) return refuse(unknownTenant(tenant))
  const grantType = form.get("grant_type")
  if (grantType === null) return refuse(missing("grant_type"))
  if (grantType !== "client_credentials") {
    return refuse({
      status: 400,
      error: "unsupported_grant_type",
      code: 70003,
      description: `The app requested an unsupported grant type '${grantType}'.`
    })
  }
  const clientId = form.get("client_id")
  if (clientId === null) return refuse(missing("client_id"))
  const principal = env.auth.principal(tenant, clientId)
  if (principal === undefined) {
    return refuse({
      status: 400,
      error: "unauthorized_client",
      code: 700016,
      description:
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`
    })
  }
  const secret = form.get("client_secret")
  if (secret === null) return refuse(missing("client_secret"))
  if (secret !== principal.clientSecret) {
    return refuse({
      status: 401,
      error: "invalid_client",
      code: 7000215,
      description:
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`
    })
  }
  const audience = version === "v2" ? checkScope(form.get("scope")) : checkResource(form.get("resource"))
  return "audience" in audience ? { principal, audience: audience.audience } : refuse(audience)
}
export const entraRoutes = (env: EntraEnv) => [tokenRoute(env, "v2"), tokenRoute(env, "v1")]
