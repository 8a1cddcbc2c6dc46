/**
 * Slack signs `v0:{timestamp}:{body}` and Bolt takes a signature for 5 minutes, so a captured
 * request sent again within them would be acted on again. A signed request seen before (same
 * signature: same timestamp and body) is acked with an empty 200 and a log line, and nothing else.
 * The memory is this process's, bounded in time (the signature window) and in size.
 */
import { type HTTPReceiver, isValidSlackRequest } from "@slack/bolt"
import type { IncomingMessage } from "node:http"

const windowMillis = 5 * 60_000
/** Far more requests than a team sends in 5 minutes; beyond it the oldest are forgotten first. */
const maxRemembered = 50_000

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Wraps the receiver's request listener; the body must already be read into `rawBody` (RequestShape). */
export const answerReplaysOnce = (receiver: HTTPReceiver, signingSecret: string, now: () => number = Date.now): void => {
  const listener = receiver.requestListener
  // Signature → when it may be forgotten; a Map keeps insertion order, so the oldest go first.
  const seen = new Map<string, number>()
  receiver.requestListener = (request, response) => {
    const body = (request as { rawBody?: unknown }).rawBody
    const signature = header(request, "x-slack-signature")
    const timestamp = Number(header(request, "x-slack-request-timestamp"))
    if (request.method !== "POST" || !Buffer.isBuffer(body) || signature === undefined || !Number.isFinite(timestamp)) {
      return listener(request, response)
    }
    // Only a request Slack signed counts: a forged one is refused by Bolt and must not crowd out real ones.
    const signed = isValidSlackRequest({
      signingSecret,
      body: body.toString("utf8"),
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp }
    })
    if (!signed) return listener(request, response)
    const at = now()
    for (const [key, until] of seen) {
      if (until > at && seen.size <= maxRemembered) break
      seen.delete(key)
    }
    if (seen.has(signature)) {
      console.warn("offerops-slackbot: a signed request came again with the same timestamp and body (a replay): acked, not acted on")
      response.writeHead(200).end()
      return
    }
    seen.set(signature, at + windowMillis)
    listener(request, response)
  }
}
