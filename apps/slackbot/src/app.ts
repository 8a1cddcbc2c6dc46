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

export const makeApp = ({ settings, runner, isReady, logLevel = LogLevel.INFO }: AppOptions): App => {
  const customRoutes = [healthz(isReady)]
  const receiver: Receiver = settings.appToken !== undefined
    ? new SocketModeReceiver({
      appToken: Redacted.value(settings.appToken),
      customRoutes,
      installerOptions: { port: settings.port },
      logLevel
    })
    : new HTTPReceiver({
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
    logLevel,
    ...(settings.apiUrl === undefined ? {} : { clientOptions: { slackApiUrl: settings.apiUrl } })
  })
  app.command(command, cancelOffer(runner))
  app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: confirmActionId }, confirmCancel(runner))
  app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: dismissActionId }, dismissCancel(runner))
  return app
}
