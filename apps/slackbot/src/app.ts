/**
 * The Bolt app: a receiver for transport only (HTTP with signature verification, or Socket Mode),
 * `GET /healthz` (liveness), `GET /readyz` (readiness), `GET /metrics`, and the listeners. Nothing here knows what a cancel is.
 */
import { App, type BlockAction, type ButtonAction, type CustomRoute, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver } from "@slack/bolt"
import { Redacted } from "effect"
import { createServer, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { cancelOffer } from "./listeners/commands/cancelOffer.ts"
import { confirmCancel } from "./listeners/actions/confirmCancel.ts"
import { dismissCancel } from "./listeners/actions/dismissCancel.ts"
import { watchCancel } from "./listeners/actions/watchCancel.ts"
import { watchCancelActionId } from "./watch/WatchMessages.ts"
import { confirmActionId, dismissActionId } from "./Messages.ts"
import { answerReplaysOnce } from "./RequestReplay.ts"
import { refuseMalformedBodies } from "./RequestShape.ts"
import { refuseFutureTimestamps } from "./RequestTime.ts"
import type { Runner } from "./Runtime.ts"
import type { Settings } from "./Settings.ts"
import { prometheusText, timeAcks } from "./Telemetry.ts"

export const command = "/cancel-offer"
export const eventsPath = "/slack/events"

export interface AppOptions {
  readonly settings: Settings
  readonly runner: Runner
  readonly health: Health
  readonly logLevel?: LogLevel | undefined
}

/** What the health endpoints say; neither names a path, a version or a credential. */
export interface Health {
  /** `/healthz`: 200 while the bot serves, 503 while it starts or stops. */
  readonly live: () => boolean
  /** `/readyz`: 200 while it serves and its database takes writes, else 503. */
  readonly ready: () => Promise<boolean>
}

const healthPaths = { "/healthz": "live", "/readyz": "ready" } as const

const isHealthPath = (path: string | undefined): path is keyof typeof healthPaths => path !== undefined && Object.hasOwn(healthPaths, path)

const answerHealth = async (health: Health, path: keyof typeof healthPaths, response: ServerResponse) => {
  const ok = healthPaths[path] === "live" ? health.live() : health.live() && await health.ready().catch(() => false)
  response.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
  response.end(JSON.stringify({ ok }))
}

const healthRoutes = (health: Health): Array<CustomRoute> =>
  Object.keys(healthPaths).map((path) => ({
    path,
    method: ["GET"],
    handler: (_request, response) => void answerHealth(health, path as keyof typeof healthPaths, response)
  }))

/** Prometheus's scrape: the metrics as text (see Telemetry). */
const metricsPath = "/metrics"
const answerMetrics = (response: ServerResponse) => {
  response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" })
  response.end(prometheusText())
}

export interface BotApp {
  readonly app: App
  /**
   * Starts receiving, and serving `/healthz` and `/readyz` on `port`/`host` (all interfaces when `host` is absent):
   * in HTTP mode on the receiver's server, in Socket Mode on a small server of its own, because
   * Bolt's Socket Mode server listens on every interface whatever it is told.
   */
  start(listen: { readonly port: number; readonly host?: string | undefined }): Promise<AddressInfo>
  /** Stops receiving; in Socket Mode it resolves once the WebSocket is closed, not just asked to close. */
  stop(): Promise<void>
}

export const makeApp = ({ settings, runner, health, logLevel = LogLevel.INFO }: AppOptions): BotApp => {
  // Bolt hands `installerOptions.clientOptions` to the Socket Mode client's own WebClient, which
  // calls apps.connections.open: without it SLACK_API_URL would reach only the listeners' client.
  const clientOptions = settings.apiUrl === undefined ? undefined : { slackApiUrl: settings.apiUrl }
  const socketMode = settings.appToken === undefined ? undefined : new SocketModeReceiver({
    appToken: Redacted.value(settings.appToken),
    ...(clientOptions === undefined ? {} : { installerOptions: { clientOptions } }),
    logLevel
  })
  const healthServer = socketMode === undefined ? undefined : createServer((request, response) => {
    const path = request.url?.split("?")[0]
    if (request.method === "GET" && isHealthPath(path)) void answerHealth(health, path, response)
    else if (request.method === "GET" && path === metricsPath) answerMetrics(response)
    else response.writeHead(404).end()
  })
  const http = socketMode === undefined ? new HTTPReceiver({
    // readSettings refuses HTTP mode without a signing secret; "" would fail every request anyway.
    signingSecret: settings.signingSecret === undefined ? "" : Redacted.value(settings.signingSecret),
    endpoints: eventsPath,
    // Ack as soon as the listener calls ack(); the work continues after the response is sent.
    processBeforeResponse: false,
    customRoutes: [...healthRoutes(health), { path: metricsPath, method: ["GET"], handler: (_request, response) => answerMetrics(response) }],
    port: settings.port,
    logLevel
  }) : undefined
  if (http !== undefined && settings.signingSecret !== undefined) {
    // Outermost last: the timestamp first (it needs no body), then the body's shape, then replays.
    answerReplaysOnce(http, Redacted.value(settings.signingSecret))
    refuseMalformedBodies(http)
    refuseFutureTimestamps(http)
  }
  const receiver: Receiver = socketMode ?? http!
  const app = new App({
    token: Redacted.value(settings.botToken),
    receiver,
    // The listeners keep no conversation state; Bolt's default store would look each request up
    // (and build a "not found" Error) before the listener could ack.
    convoStore: false,
    logLevel,
    ...(clientOptions === undefined ? {} : { clientOptions })
  })
  app.command(command, cancelOffer(runner))
  app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: confirmActionId }, confirmCancel(runner))
  app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: dismissActionId }, dismissCancel(runner))
  app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: watchCancelActionId }, watchCancel(runner))
  return {
    app,
    start: async ({ port, host }) => {
      if (healthServer === undefined) {
        const server = await app.start({ port, ...(host === undefined ? {} : { host }) }) as Server
        timeAcks(server, eventsPath)
        return server.address() as AddressInfo
      }
      await new Promise<void>((resolve, reject) => {
        healthServer.once("error", reject)
        healthServer.listen(port, host, () => resolve())
      })
      await app.start()
      return healthServer.address() as AddressInfo
    },
    stop: async () => {
      if (socketMode === undefined || healthServer === undefined) {
        await app.stop()
        return
      }
      healthServer.close()
      healthServer.closeAllConnections()
      // The receiver only starts the close handshake; the client says when the socket is gone
      // (after Slack's close frame, or its own 30 s handshake timeout).
      const disconnected = new Promise<void>((resolve) => socketMode.client.once("disconnected", () => resolve()))
      await app.stop()
      await disconnected
    }
  }
}
