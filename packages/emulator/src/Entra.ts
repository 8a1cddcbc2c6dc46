/**
 * Token issuance in Microsoft Entra's shape: the v2 client-credentials endpoint
 * with `scope`, the v1 endpoint with `resource` that the CPP docs describe
 * (cpp-api.md §1.1), Entra-shaped errors, and the OpenID metadata that
 * `@azure/identity` (MSAL) fetches before it asks for a token.
 */
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { type Auth, cppResource, type Principal } from "./Auth.ts"
import type { VirtualClock } from "./Clock.ts"

export interface EntraEnv {
  readonly auth: Auth
  readonly clock: VirtualClock
  readonly baseUrl: string
  readonly tokenTtlSeconds: number
}

interface EntraError {
  readonly status: number
  readonly error: string
  readonly code: number
  readonly description: string
}

const entraError = (clock: VirtualClock, failure: EntraError) => {
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

const missing = (name: string): EntraError => ({
  status: 400,
  error: "invalid_request",
  code: 900144,
  description: `The request body must contain the following parameter: '${name}'.`
})

const withoutTrailingSlash = (value: string): string => value.replace(/\/+$/, "")

/** v2 asks for `{resource}/.default`; anything else is not a client-credentials scope for CPP. */
const checkScope = (scope: string | null): EntraError | undefined => {
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
  return defaults.some((s) => withoutTrailingSlash(s.slice(0, -"/.default".length)) === cppResource)
    ? undefined
    : unknownResource(scope)
}

const checkResource = (resource: string | null): EntraError | undefined =>
  resource === null
    ? missing("resource")
    : withoutTrailingSlash(resource) === cppResource
    ? undefined
    : unknownResource(resource)

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
      const { principal } = checked
      const ttl = env.tokenTtlSeconds
      const { token, grant } = env.auth.issue({
        publishers: principal.publishers,
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

type Checked = { readonly principal: Principal } | { readonly failure: EntraError }

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
  return audience === undefined ? { principal } : refuse(audience)
}

const unknownTenant = (tenant: string): EntraError => ({
  status: 400,
  error: "invalid_request",
  code: 90002,
  description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
})

/** The OpenID configuration MSAL reads to find the token endpoint; every URL points back at the emulator. */
const openIdConfiguration = (env: EntraEnv, tenant: string, version: "v1" | "v2") => {
  const root = `${env.baseUrl}/${tenant}`
  const v2 = version === "v2"
  return {
    token_endpoint: v2 ? `${root}/oauth2/v2.0/token` : `${root}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: v2 ? `${root}/discovery/v2.0/keys` : `${root}/discovery/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2 ? `${root}/v2.0` : `https://sts.windows.net/${tenant}/`,
    request_uri_parameter_supported: false,
    authorization_endpoint: v2 ? `${root}/oauth2/v2.0/authorize` : `${root}/oauth2/authorize`,
    device_authorization_endpoint: v2 ? `${root}/oauth2/v2.0/devicecode` : `${root}/oauth2/devicecode`,
    end_session_endpoint: v2 ? `${root}/oauth2/v2.0/logout` : `${root}/oauth2/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: null,
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net"
  }
}

const metadataRoute = (env: EntraEnv, path: `/${string}`, version: "v1" | "v2") =>
  HttpRouter.route(
    "GET",
    path,
    Effect.map(HttpRouter.params, (params) => {
      const tenant = params["tenant"] ?? ""
      return env.auth.knowsTenant(tenant)
        ? HttpServerResponse.jsonUnsafe(openIdConfiguration(env, tenant, version))
        : entraError(env.clock, unknownTenant(tenant))
    })
  )

/** Instance discovery, for clients that do not disable it: this host is its own cloud. */
const instanceDiscoveryRoute = (env: EntraEnv) =>
  HttpRouter.route(
    "GET",
    "/common/discovery/instance",
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const authorize = new URL(request.url, env.baseUrl).searchParams.get("authorization_endpoint") ?? ""
      const tenant = /^https?:\/\/[^/]+\/([^/]+)/.exec(authorize)?.[1] ?? "common"
      const host = new URL(env.baseUrl).host
      return HttpServerResponse.jsonUnsafe({
        tenant_discovery_endpoint: `${env.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
      })
    })
  )

export const entraRoutes = (env: EntraEnv) => [
  tokenRoute(env, "v2"),
  tokenRoute(env, "v1"),
  metadataRoute(env, "/:tenant/v2.0/.well-known/openid-configuration", "v2"),
  metadataRoute(env, "/:tenant/.well-known/openid-configuration", "v1"),
  HttpRouter.route("GET", "/:tenant/discovery/v2.0/keys", HttpServerResponse.jsonUnsafe({ keys: [] })),
  instanceDiscoveryRoute(env)
]
