/**
 * The emulator as one running thing: a world, a clock, faults and a log behind
 * a real HTTP(S) server on 127.0.0.1, with the controls tests use. The server
 * lives in a Scope, so it closes when the scope (or `close()`) ends.
 */
import { randomBytes } from "node:crypto"
import * as Http from "node:http"
import * as Https from "node:https"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Exit, Scope } from "effect"
import { adminRoutes } from "./Admin.ts"
import { makeApiGate } from "./ApiGate.ts"
import { type Audience, Auth, cppResource, defaultTokenTtlSeconds, type Principal, type PublisherAccess } from "./Auth.ts"
import { makeVirtualClock } from "./Clock.ts"
import { seedDemo } from "./Demo.ts"
import { entraRoutes } from "./Entra.ts"
import { type FaultRule, Faults } from "./Faults.ts"
import { makeAdminGate } from "./AdminGate.ts"
import { makeHttpApp } from "./HttpApp.ts"
import { relativeLocation } from "./Location.ts"
import type { OfferOptions } from "./Offer.ts"
import { openIdRoutes } from "./OpenIdMetadata.ts"
import { operationSnapshot, type OperationSnapshot } from "./OperationSnapshot.ts"
import { RequestLog, type RequestLogEntry } from "./RequestLog.ts"
import { offerRoutes } from "./RoutesOffers.ts"
import { offerUpdateRoutes } from "./RoutesOfferUpdate.ts"
import { operationRoutes } from "./RoutesOperations.ts"
import { publishingRoutes } from "./RoutesPublishing.ts"
import { makeSelfSignedCertificate } from "./Tls.ts"
import { World } from "./World.ts"
import { makePartnerCenterControls, type PartnerCenterControls } from "./ingestion/Controls.ts"
import { makeIngestionGate } from "./ingestion/Gate.ts"
import { ingestionRoutes } from "./ingestion/Routes.ts"
import { ingestionBasePath } from "./ingestion/Surface.ts"
import { defaultIngestionVariants } from "./ingestion/Variants.ts"
import { IngestionWorld } from "./ingestion/World.ts"
import { makeProductIngestionControls, type ProductIngestionControls } from "./productIngestion/Controls.ts"
import { makeProductIngestionGate } from "./productIngestion/Gate.ts"
import { productIngestionRoutes } from "./productIngestion/Routes.ts"
import { productIngestionBasePath } from "./productIngestion/Surface.ts"
import { defaultProductIngestionVariants } from "./productIngestion/Variants.ts"
import { ProductIngestionWorld } from "./productIngestion/World.ts"

export interface EmulatorOptions {
  /** Default 0: a free port. The emulator always listens on 127.0.0.1. */
  readonly port?: number
  /** Serve TLS with a self-signed certificate generated at start, for 127.0.0.1 and localhost. */
  readonly https?: boolean
  /** Virtual ms per real ms. Default 0: time moves only through `advance`. */
  readonly timeScale?: number
  /** Seeds the randomness of faults with a `probability`. */
  readonly seed?: number
  /** Seed the demo world (see README). */
  readonly demo?: boolean
  /** Lifetime of tokens from the token endpoint. Default 3600, deterministic where Entra's is 60–90 minutes. */
  readonly tokenTtlSeconds?: number
  /** Serve only the documented surface, for every offer (README, "Strict mode"). Default false. */
  readonly strict?: boolean
  /** The admin API's token (see AdminGate); a fresh random one per run by default. */
  readonly adminToken?: string
}

export interface Emulator {
  /** "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT". */
  readonly url: string
  /** With `https`, the PEM certificate a client must trust. */
  readonly certificatePem?: string
  /** What the admin API wants in its `x-emulator-admin-token` header. */
  readonly adminToken: string
  /** Adds a publisher; `displayText` is its `definition.displayText` (default: its id). */
  addPublisher(publisherId: string, details?: { readonly displayText?: string }): void
  /** Adds the offer (and its publisher); on an existing offer, applies the options. */
  addOffer(publisherId: string, offerId: string, options?: OfferOptions): void
  configureOffer(publisherId: string, offerId: string, options: OfferOptions): void
  /** Turns emulator-wide strict mode on or off; offers with `strict: true` stay strict. */
  setStrict(strict: boolean): void
  isStrict(): boolean
  addPrincipal(principal: Principal): void
  /**
   * A ready bearer token; by default for every publisher, for the CPP API, valid for an hour of
   * virtual time. `audience` picks the API: `https://api.partner.microsoft.com` (ingestion v1.0) or
   * `https://graph.microsoft.com` (Product Ingestion); each API refuses the others' tokens.
   */
  issueToken(
    options?: { readonly publishers?: PublisherAccess; readonly ttlSeconds?: number; readonly audience?: Audience }
  ): string
  /** Starts a publish (default) or go-live as the API would; returns the running one if a publish already runs. */
  startOperation(publisherId: string, offerId: string, kind?: "publish" | "golive"): { id: string; location: string }
  operation(id: string): OperationSnapshot | undefined
  /** Moves the virtual clock forward. */
  advance(ms: number): void
  /** Virtual epoch ms. */
  now(): number
  /** Partner Center's ingestion API v1.0, under `/v1.0/ingestion` (README, "Partner Center ingestion API v1.0"). */
  readonly partnerCenter: PartnerCenterControls
  /** The Product Ingestion API, under `/rp/product-ingestion` (README, "Product Ingestion API"). */
  readonly productIngestion: ProductIngestionControls
  addFault(rule: FaultRule): void
  clearFaults(): void
  requests(): ReadonlyArray<RequestLogEntry>
  clearRequests(): void
  close(): Promise<void>
}

/** Node's http server, or https with a fresh certificate. */
const nodeServer = (https: boolean) => {
  if (!https) return { server: Http.createServer(), certificatePem: undefined }
  const certificate = makeSelfSignedCertificate()
  const server = Https.createServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem })
  return { server: server as unknown as Http.Server, certificatePem: certificate.certificatePem }
}

/**
 * A running emulator. It lives in a scope of its own, closed by `close()` or
 * at the latest with the enclosing Scope.
 */
export const makeEmulator = (options: EmulatorOptions = {}) =>
  Effect.flatMap(Effect.scope, (outer) =>
    Effect.flatMap(Scope.fork(outer), (scope) => Scope.provide(build(options, scope), scope)))

const build = Effect.fnUntraced(function*(options: EmulatorOptions, scope: Scope.Closeable) {
  const clock = makeVirtualClock({ timeScale: options.timeScale ?? 0 })
  const world = new World(clock)
  const ingestionWorld = new IngestionWorld(clock)
  const ingestionVariants = { current: defaultIngestionVariants }
  const piaWorld = new ProductIngestionWorld(clock)
  const piaVariants = { current: defaultProductIngestionVariants }
  const auth = new Auth(clock)
  const faults = new Faults(options.seed ?? 0)
  const log = new RequestLog()
  const settings = { strict: options.strict ?? false }
  const { server, certificatePem } = nodeServer(options.https ?? false)
  const httpServer = yield* NodeHttpServer.make(() => server, {
    port: options.port ?? 0,
    host: "127.0.0.1",
    disablePreemptiveShutdown: true
  })
  const port = "port" in httpServer.address ? httpServer.address.port : 0
  const url = `${certificatePem === undefined ? "http" : "https"}://127.0.0.1:${port}`
  const adminToken = options.adminToken ?? randomBytes(24).toString("base64url")
  const emulator: Emulator = {
    url,
    adminToken,
    ...(certificatePem === undefined ? {} : { certificatePem }),
    addPublisher: (publisherId, details) => world.publishers.addPublisher(publisherId, details),
    addOffer: (publisherId, offerId, offerOptions) => void world.catalogue.addOffer(publisherId, offerId, offerOptions),
    configureOffer: (publisherId, offerId, offerOptions) => void world.catalogue.configureOffer(publisherId, offerId, offerOptions),
    setStrict: (strict) => {
      settings.strict = strict
    },
    isStrict: () => settings.strict,
    addPrincipal: (principal) => auth.addPrincipal(principal),
    issueToken: (tokenOptions) =>
      auth.issue({
        publishers: tokenOptions?.publishers ?? "*",
        ttlSeconds: tokenOptions?.ttlSeconds ?? defaultTokenTtlSeconds,
        clientId: "emulator",
        tenantId: "emulator",
        audience: tokenOptions?.audience ?? cppResource
      }).token,
    startOperation: (publisherId, offerId, kind = "publish") => {
      const offer = world.catalogue.offer(publisherId, offerId)
      if (offer === undefined) throw new Error(`No offer ${publisherId}/${offerId}`)
      const outcome = world.operations.start(offer, kind)
      if (outcome._tag === "Conflict") {
        throw new Error(`Operation ${outcome.running.id} is already running on ${publisherId}/${offerId}`)
      }
      return { id: outcome.operation.id, location: relativeLocation(offer, outcome.operation) }
    },
    operation: (id) => operationSnapshot(world, id),
    partnerCenter: makePartnerCenterControls(ingestionWorld, ingestionVariants),
    productIngestion: makeProductIngestionControls(piaWorld, piaVariants),
    advance: (ms) => clock.advance(ms),
    now: () => clock.now(),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    requests: () => log.entries(),
    clearRequests: () => log.clear(),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
  const apiEnv = { world, auth, baseUrl: url, settings }
  const entraEnv = { auth, clock, baseUrl: url, tokenTtlSeconds: options.tokenTtlSeconds ?? defaultTokenTtlSeconds }
  const ingestionEnv = { world: ingestionWorld, auth, baseUrl: url, settings, variants: ingestionVariants }
  const piaEnv = { world: piaWorld, auth, baseUrl: url, settings, variants: piaVariants }
  const gates = [
    { basePath: "/api", gate: makeApiGate(apiEnv) },
    { basePath: ingestionBasePath, gate: makeIngestionGate(ingestionEnv) },
    { basePath: productIngestionBasePath, gate: makeProductIngestionGate(piaEnv) }
  ]
  const app = yield* makeHttpApp({ clock, faults, log, gates, adminGate: makeAdminGate({ port, token: adminToken }) }, [
    ...offerRoutes(apiEnv),
    ...ingestionRoutes(ingestionEnv),
    ...productIngestionRoutes(piaEnv),
    ...offerUpdateRoutes(apiEnv),
    ...publishingRoutes(apiEnv),
    ...operationRoutes(apiEnv),
    ...entraRoutes(entraEnv),
    ...openIdRoutes(entraEnv),
    ...adminRoutes(emulator)
  ])
  yield* httpServer.serve(app)
  // Runs first (finalizers run in reverse): before serving stops, which waits for the requests in
  // flight, and before the server's own close, which waits for every open connection. Closing must
  // never wait on a client, nor on a request a fault holds (`hang`).
  yield* Effect.addFinalizer(() => Effect.sync(() => server.closeAllConnections()))
  if (options.demo === true) seedDemo(emulator, world)
  return emulator
})
