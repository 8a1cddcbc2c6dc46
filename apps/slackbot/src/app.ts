/**
 * The Bolt app: a receiver for transport only (HTTP with signature verification, or Socket Mode),
 * `GET /healthz`, and the three listeners. Nothing here knows what a cancel is.
 */
import { App, type BlockAction, type ButtonAction, type CustomRoute, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver } from "@slack/bolt"
import { Redacted } from "effect"
import { cancelOffer } from "./listeners/commands/cancelOffer.ts"
import { confirmCancel } from "./listeners/actions/confirmCancel.ts"
import { dismissCancel } from "./listeners/actions/dismissCancel.ts"
import { confirmActionId, dismissActionId } from "./Messages.ts"
import type { Runner } from "./Runtime.ts"
import type { Settings } from "./Settings.ts"

export const command = "/cancel-offer"
export const eventsPath = "/slack/events"

export interface AppOptions {
  readonly settings: Settings
  readonly runner: Runner
  /** Whether `/healthz` answers 200 (ready) or 503 (starting or stopping). */
  readonly isReady: () => boolean
  readonly logLevel?: LogLevel | undefined
}

const healthz = (isReady: () => boolean): CustomRoute => ({
  path: "/healthz",
  method: ["GET"],
  handler: (_request, response) => {
    const ready = isReady()
    response.writeHead(ready ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
    response.end(JSON.stringify({ ok: ready }))
  }
})

export interface BotApp {
  readonly app: App
  /** Stops receiving; in Socket Mode it resolves once the WebSocket is closed, not just asked to close. */
  stop(): Promise<void>
}

export const makeApp = ({ settings, runner, isReady, logLevel = LogLevel.INFO }: AppOptions): BotApp => {
  const customRoutes = [healthz(isReady)]
  // Bolt hands `installerOptions.clientOptions` to the Socket Mode client's own WebClient, which
  // calls apps.connections.open: without it SLACK_API_URL would reach only the listeners' client.
  const clientOptions = settings.apiUrl === undefined ? undefined : { slackApiUrl: settings.apiUrl }
  const socketMode = settings.appToken === undefined ? undefined : new SocketModeReceiver({
    appToken: Redacted.value(settings.appToken),
    customRoutes,
    installerOptions: { port: settings.port, ...(clientOptions === undefined ? {} : { clientOptions }) },
    logLevel
  })
  const receiver: Receiver = socketMode ?? new HTTPReceiver({
    // readSettings refuses HTTP mode without a signing secret; "" would fail every request anyway.
    signingSecret: settings.signingSecret === undefined ? "" : Redacted.value(settings.signingSecret),
    endpoints: eventsPath,
    // Ack as soon as the listener calls ack(); the work continues after the response is sent.
    processBeforeResponse: false,
    customRoutes,
    port: settings.port,
    logLevel
  })
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
  return {
    app,
    stop: async () => {
      if (socketMode === undefined) {
        await app.stop()
        return
      }
      // The receiver only starts the close handshake; the client says when the socket is gone
      // (after Slack's close frame, or its own 30 s handshake timeout).
      const disconnected = new Promise<void>((resolve) => socketMode.client.once("disconnected", () => resolve()))
      await app.stop()
      await disconnected
    }
  }
}
