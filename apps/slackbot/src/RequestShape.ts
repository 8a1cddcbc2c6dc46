/**
 * A request whose body is not what Slack sends (payload=null, an array, a missing user or action,
 * a field given twice) is answered 400 with one log line before Bolt reads it: Bolt would throw
 * reading it, and a throw there ends the process. The body is read here once, within a bound, and
 * handed to Bolt as its buffered body, so Bolt still verifies the signature of every other request.
 */
import type { HTTPReceiver } from "@slack/bolt"
import type { IncomingMessage, ServerResponse } from "node:http"
import { parse } from "node:querystring"

/** Slack's payloads are a few kilobytes; this leaves room and bounds what a stranger can make us hold. */
const maxBodyBytes = 1024 * 1024

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isText = (value: unknown): value is string => typeof value === "string"

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** What is wrong with an interactive payload, or undefined when it has what the bot reads. */
const payloadProblem = (payload: unknown): string | undefined => {
  if (!isObject(payload)) return `the payload is ${payload === null ? "null" : Array.isArray(payload) ? "an array" : `a ${typeof payload}`}, not an object`
  if (!isText(payload.type)) return "the payload has no type"
  if (payload.type !== "block_actions") return undefined
  if (!isObject(payload.user) || !isText(payload.user.id)) return "the payload names no user"
  const actions = payload.actions
  if (!Array.isArray(actions) || actions.length === 0) return "the payload has no actions"
  if (!actions.every((action) => isObject(action) && isText(action.action_id) && (action.value === undefined || isText(action.value)))) {
    return "an action has no action_id or a value that is not text"
  }
  if (payload.response_url !== undefined && !isText(payload.response_url)) return "the response_url is not text"
  return undefined
}

/** What is wrong with a body Slack would send to the events URL, or undefined. */
export const bodyProblem = (contentType: string | undefined, body: string): string | undefined => {
  if (contentType?.split(";")[0]?.trim() !== "application/x-www-form-urlencoded") {
    const json = parsedJson(body)
    return isObject(json) && isText(json.type) ? undefined : "the body is not a JSON object with a type"
  }
  const form = parse(body)
  const repeated = Object.keys(form).find((key) => !isText(form[key]))
  if (repeated !== undefined) return `the field ${JSON.stringify(repeated.slice(0, 40))} is given more than once`
  if (form.ssl_check !== undefined) return undefined
  if (form.payload !== undefined) {
    const payload = parsedJson(String(form.payload))
    return payload === undefined ? "the payload is not JSON" : payloadProblem(payload)
  }
  for (const field of ["command", "user_id", "channel_id"]) {
    if (!isText(form[field]) || form[field] === "") return `the command has no ${field}`
  }
  return undefined
}

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        request.removeAllListeners("data")
        request.resume()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    request.once("end", () => resolve(Buffer.concat(chunks)))
    request.once("error", reject)
  })

const refuse = (response: ServerResponse, status: number, reason: string) => {
  console.warn(`offerops-slackbot: refused a request to the events URL (${status}): ${reason}`)
  response.writeHead(status, { "content-type": "text/plain" }).end(status === 413 ? "request body too large" : "malformed request body")
}

/** Wraps the receiver's request listener (Bolt calls it through the property on every request). */
export const refuseMalformedBodies = (receiver: HTTPReceiver): void => {
  const listener = receiver.requestListener
  receiver.requestListener = (request, response) => {
    if (request.method !== "POST") return listener(request, response)
    readBody(request).then((body) => {
      if (body === undefined) return refuse(response, 413, `more than ${maxBodyBytes} bytes`)
      const problem = bodyProblem(request.headers["content-type"], body.toString("utf8"))
      if (problem !== undefined) return refuse(response, 400, problem)
      // Bolt reads a body already read from `rawBody`.
      Object.assign(request, { rawBody: body })
      listener(request, response)
    }, (error: unknown) => refuse(response, 400, `the body could not be read (${String(error).slice(0, 100)})`))
  }
}
