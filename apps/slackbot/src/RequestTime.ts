/**
 * Slack signs `v0:{timestamp}:{body}`, and Bolt rejects a timestamp more than 5 minutes old. One
 * more than 5 minutes in the future is as suspect (a captured request replayed later, or a skewed
 * signer), so it is refused too, before Bolt reads the body.
 */
import type { HTTPReceiver } from "@slack/bolt"
import type { IncomingMessage } from "node:http"

const maxSkewSeconds = 5 * 60

const fromTheFuture = (request: IncomingMessage, nowMillis: number): boolean => {
  const header = request.headers["x-slack-request-timestamp"]
  const seconds = Number(Array.isArray(header) ? header[0] : header)
  return Number.isFinite(seconds) && seconds > Math.floor(nowMillis / 1000) + maxSkewSeconds
}

/** Wraps the receiver's request listener (Bolt calls it through the property on every request). */
export const refuseFutureTimestamps = (receiver: HTTPReceiver): void => {
  const listener = receiver.requestListener
  receiver.requestListener = (request, response) => {
    if (request.method === "POST" && fromTheFuture(request, Date.now())) {
      response.writeHead(401, { "content-type": "text/plain" }).end("request timestamp is in the future")
      return
    }
    listener(request, response)
  }
}
