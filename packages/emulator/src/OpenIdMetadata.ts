/**
 * The OpenID metadata `@azure/identity` (MSAL) fetches before it asks for a
 * token, and instance discovery for clients that do not disable it. Every URL
 * points back at the emulator.
 */
import { Effect } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import type { EntraEnv } from "./Entra.ts"
import { entraError, unknownTenant } from "./EntraError.ts"

/** The OpenID configuration MSAL reads to find the token endpoint. */
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

export const openIdRoutes = (env: EntraEnv) => [
  metadataRoute(env, "/:tenant/v2.0/.well-known/openid-configuration", "v2"),
  metadataRoute(env, "/:tenant/.well-known/openid-configuration", "v1"),
  HttpRouter.route("GET", "/:tenant/discovery/v2.0/keys", HttpServerResponse.jsonUnsafe({ keys: [] })),
  instanceDiscoveryRoute(env)
]
