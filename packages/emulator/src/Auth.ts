/**
 * Who may call the API. Service principals exchange their secret for a bearer
 * token (see Entra.ts); tokens are JWT-shaped, but the emulator only looks them
 * up, and they expire on the virtual clock. A token that is unknown, malformed
 * or expired gets 401; a valid one for another publisher gets 403 (§1.4). Each token is for one
 * API's audience (its Entra resource), and another API refuses it with 401, as the real ones would.
 */
import { randomBytes } from "node:crypto"
import type { VirtualClock } from "./Clock.ts"

export type PublisherAccess = ReadonlyArray<string> | "*"

export interface Principal {
  readonly tenantId: string
  readonly clientId: string
  readonly clientSecret: string
  readonly publishers: PublisherAccess
}

export interface Grant {
  readonly publishers: PublisherAccess
  /** The API the token is for: one of `audiences`. */
  readonly audience: Audience
  readonly expiresAt: number
  readonly clientId: string
  readonly tenantId: string
}

export type Verification =
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Invalid" }
  | { readonly _tag: "Expired" }
  /** A valid token, but for another API. */
  | { readonly _tag: "WrongAudience" }
  | { readonly _tag: "Valid"; readonly grant: Grant }

/** The audience the CPP API expects tokens for (§1.1). */
export const cppResource = "https://cloudpartner.azure.com"
/** Partner Center's ingestion API v1.0 (partner-center-apis.md, "Authentication"). */
export const partnerCenterResource = "https://api.partner.microsoft.com"
/** The Product Ingestion API, behind Microsoft Graph (partner-center-apis.md, "Authentication"). */
export const graphResource = "https://graph.microsoft.com"

export const audiences = [cppResource, partnerCenterResource, graphResource] as const

export type Audience = (typeof audiences)[number]

/** The audience a resource (or a scope without `/.default`) names, ignoring a trailing slash. */
export const audienceNamed = (resource: string): Audience | undefined =>
  audiences.find((audience) => audience === resource.replace(/\/+$/, ""))

export const defaultTokenTtlSeconds = 3600

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url")

export const canAccess = (grant: Grant, publisherId: string): boolean =>
  grant.publishers === "*" || grant.publishers.includes(publisherId)

export class Auth {
  readonly #clock: VirtualClock
  readonly #principals: Array<Principal> = []
  readonly #tokens = new Map<string, Grant>()

  constructor(clock: VirtualClock) {
    this.#clock = clock
  }

  addPrincipal(principal: Principal): void {
    const index = this.#principals.findIndex((p) => p.tenantId === principal.tenantId && p.clientId === principal.clientId)
    if (index >= 0) this.#principals.splice(index, 1)
    this.#principals.push(principal)
  }

  knowsTenant(tenantId: string): boolean {
    return this.#principals.some((p) => p.tenantId === tenantId)
  }

  principal(tenantId: string, clientId: string): Principal | undefined {
    return this.#principals.find((p) => p.tenantId === tenantId && p.clientId === clientId)
  }

  issue(options: {
    readonly publishers: PublisherAccess
    readonly ttlSeconds: number
    readonly clientId: string
    readonly tenantId: string
    readonly audience: Audience
  }): { readonly token: string; readonly grant: Grant } {
    const issuedAt = this.#clock.now()
    const grant: Grant = {
      publishers: options.publishers,
      audience: options.audience,
      expiresAt: issuedAt + options.ttlSeconds * 1000,
      clientId: options.clientId,
      tenantId: options.tenantId
    }
    const seconds = Math.floor(issuedAt / 1000)
    // JWT-shaped so clients that peek at `exp` work, but the signature is random: only this table makes it valid.
    const token = [
      base64url({ typ: "JWT", alg: "none" }),
      base64url({
        aud: options.audience,
        iss: `https://sts.windows.net/${options.tenantId}/`,
        tid: options.tenantId,
        appid: options.clientId,
        iat: seconds,
        nbf: seconds,
        exp: seconds + options.ttlSeconds
      }),
      randomBytes(32).toString("base64url")
    ].join(".")
    this.#tokens.set(token, grant)
    return { token, grant }
  }

  /** Whether the Authorization header holds a live token of ours for `audience`. */
  verify(authorization: string | undefined, audience: Audience): Verification {
    if (authorization === undefined || authorization.trim() === "") return { _tag: "Missing" }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim())
    const grant = match?.[1] === undefined ? undefined : this.#tokens.get(match[1])
    if (grant === undefined) return { _tag: "Invalid" }
    if (this.#clock.now() >= grant.expiresAt) return { _tag: "Expired" }
    if (grant.audience !== audience) return { _tag: "WrongAudience" }
    return { _tag: "Valid", grant }
  }
}
