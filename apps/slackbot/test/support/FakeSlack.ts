/**
 * A local stand-in for Slack, over real HTTP on 127.0.0.1: the Web API methods the bot calls
 * (`auth.test`, `chat.postMessage`, `chat.update`, `users.info` with each user's locale and time zone,
 * `conversations.info` with each channel's archived/private/member flags,
 * and `apps.connections.open` for Socket Mode),
 * `response_url` endpoints that enforce Slack's limit of 5 posts per URL, and the Socket Mode
 * WebSocket (`/link`) that says hello, sends envelopes and collects their acks. Everything received
 * is recorded for assertions.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { type WebSocket, WebSocketServer } from "ws"
import { argsOf, readBody } from "../../try/SlackStandIn.ts"

export interface ApiCall {
  readonly method: string
  readonly args: Record<string, unknown>
  readonly authorization: string | undefined
}

export interface ResponsePost {
  /** Which response_url (the id at its end). */
  readonly id: string
  readonly body: Record<string, unknown>
  /** The post's number on that URL, from 1; beyond 5 Slack answers 404 `used_url`. */
  readonly n: number
}

/** An envelope's ack as the bot sent it over the WebSocket, and how long after the envelope. */
export interface SocketAck {
  readonly envelope_id: string
  readonly payload?: Record<string, unknown>
  readonly ackMillis: number
}

/** Slack's side of Socket Mode: the connected app, and envelopes sent to it. */
export interface SocketModeLink {
  /** WebSocket connections the bot opened so far. */
  readonly connections: number
  /** Whether a connection is open now. */
  readonly open: boolean
  /** Sends an envelope to the connected bot; resolves with its ack, rejects without one within `ms`. */
  send(type: "slash_commands" | "interactive", payload: Record<string, unknown>, ms?: number): Promise<SocketAck>
}

/** A user as users.info describes them; `fail` answers `ok: false`, `delayMs` holds the answer back. */
export interface FakeUser {
  readonly locale?: string
  readonly tz?: string
  readonly fail?: boolean
  readonly delayMs?: number
}

/** A channel as conversations.info shows it to the bot; any other is public, and the bot may post there. */
export interface FakeChannel {
  readonly archived?: boolean
  readonly private?: boolean
  readonly member?: boolean
  /** Deleted, or the bot was removed: every call about it answers `channel_not_found`. */
  readonly gone?: boolean
}

export interface FakeSlack {
  /** Users that users.info knows; any other is English in UTC (Slack's defaults). */
  readonly users: Map<string, FakeUser>
  readonly channels: Map<string, FakeChannel>
  readonly url: string
  /** Base URL of the fake Web API, for `SLACK_API_URL`. */
  readonly apiUrl: string
  /** A fresh response_url. */
  responseUrl(): string
  readonly calls: Array<ApiCall>
  readonly responses: Array<ResponsePost>
  readonly socket: SocketModeLink
  /** While true, chat.* and response_urls answer 503 (Slack down); the attempts are still recorded. */
  down: boolean
  /** What was posted while `down` (and refused). */
  readonly refused: Array<{ readonly path: string; readonly body: Record<string, unknown> }>
  /** Resolves when `predicate` holds (checked on every received request), or rejects after `ms`. */
  waitFor(predicate: () => boolean, ms?: number): Promise<void>
  close(): Promise<void>
}

export const startFakeSlack = async (): Promise<FakeSlack> => {
  const calls: Array<ApiCall> = []
  const users = new Map<string, FakeUser>()
  const channels = new Map<string, FakeChannel>()
  const responses: Array<ResponsePost> = []
  const refused: Array<{ readonly path: string; readonly body: Record<string, unknown> }> = []
  const waiters = new Set<() => void>()
  let nextTs = 1
  let nextUrl = 1
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const path = new URL(request.url ?? "/", "http://x").pathname
    const reply = (status: number, json: unknown) => {
      response.writeHead(status, { "content-type": "application/json" })
      response.end(JSON.stringify(json))
    }
    const api = /^\/api\/([\w.]+)$/.exec(path)
    const hook = /^\/response\/(\w+)$/.exec(path)
    if (fake.down && (hook !== null || api?.[1]?.startsWith("chat.") === true)) {
      refused.push({ path, body: argsOf(hook === null ? request.headers["content-type"] : "application/json", body) })
      reply(503, { ok: false, error: "service_unavailable" })
    } else if (api !== null) {
      const method = api[1] ?? ""
      const args = argsOf(request.headers["content-type"], body)
      calls.push({ method, args, authorization: request.headers.authorization })
      if (method === "apps.connections.open") {
        // Slack wants the app-level token here, and answers with a fresh WebSocket URL per call.
        if (request.headers.authorization?.startsWith("Bearer xapp-") !== true) reply(200, { ok: false, error: "invalid_auth" })
        else reply(200, { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t${++tickets}&app_id=A0001` })
      } else if (method === "auth.test") reply(200, { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T0001" })
      else if (method === "conversations.info") {
        const channel = channels.get(String(args.channel)) ?? {}
        if (channel.gone === true) reply(200, { ok: false, error: "channel_not_found" })
        else {
          reply(200, {
            ok: true,
            channel: { id: args.channel, is_archived: channel.archived ?? false, is_private: channel.private ?? false, is_member: channel.member ?? false }
          })
        }
      } else if ((method === "chat.postMessage" || method === "chat.update") && channels.get(String(args.channel))?.gone === true) {
        reply(200, { ok: false, error: "channel_not_found" })
      } else if (method === "chat.postMessage") reply(200, { ok: true, channel: args.channel, ts: `1700000000.${String(nextTs++).padStart(6, "0")}` })
      else if (method === "chat.update") reply(200, { ok: true, channel: args.channel, ts: args.ts })
      else if (method === "users.info") {
        const id = String(args.user)
        const user = users.get(id) ?? { locale: "en-US", tz: "UTC" }
        if (user.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, user.delayMs))
        // Slack includes `locale` only when asked with include_locale.
        const asked = String(args.include_locale) === "true"
        if (user.fail === true) reply(200, { ok: false, error: "user_not_found" })
        else reply(200, { ok: true, user: { id, tz: user.tz, ...(asked ? { locale: user.locale } : {}) } })
      }
      else reply(200, { ok: false, error: "unknown_method" })
    } else if (hook !== null) {
      const id = hook[1] ?? ""
      const n = responses.filter((post) => post.id === id).length + 1
      responses.push({ id, body: argsOf("application/json", body), n })
      if (n > 5) reply(404, { ok: false, error: "used_url" })
      else reply(200, { ok: true })
    } else {
      reply(404, { ok: false, error: "not_found" })
    }
    for (const wake of [...waiters]) wake()
  })

  // Socket Mode: one app connection at a time, as for an app with a single running instance.
  const sockets = new WebSocketServer({ noServer: true })
  let current: WebSocket | undefined
  let connections = 0
  let tickets = 0
  let envelopes = 0
  const pendingAcks = new Map<string, (ack: Record<string, unknown>) => void>()
  server.on("upgrade", (request, socket, head) => {
    if (!(request.url ?? "").startsWith("/link/?ticket=")) return socket.destroy()
    sockets.handleUpgrade(request, socket, head, (ws) => {
      current = ws
      connections++
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>
        const envelopeId = String(message.envelope_id)
        pendingAcks.get(envelopeId)?.(message)
        pendingAcks.delete(envelopeId)
      })
      ws.on("close", () => {
        if (current === ws) current = undefined
      })
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack" }, connection_info: { app_id: "A0001" } }))
    })
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const fake: FakeSlack = {
    down: false,
    refused,
    url,
    apiUrl: `${url}/api/`,
    users,
    channels,
    responseUrl: () => `${url}/response/r${nextUrl++}`,
    calls,
    responses,
    socket: {
      get connections() {
        return connections
      },
      get open() {
        return current !== undefined
      },
      send: (type, payload, ms = 3_000) =>
        new Promise<SocketAck>((resolve, reject) => {
          const ws = current
          if (ws === undefined) return reject(new Error("no Socket Mode connection"))
          const envelopeId = `e${++envelopes}-${type}`
          const started = performance.now()
          // Slack retries an envelope it gets no ack for within 3 seconds; the fake only reports it.
          const timer = setTimeout(() => {
            pendingAcks.delete(envelopeId)
            reject(new Error(`no ack for ${envelopeId} within ${ms} ms`))
          }, ms)
          pendingAcks.set(envelopeId, (ack) => {
            clearTimeout(timer)
            resolve({ ...(ack as Omit<SocketAck, "ackMillis">), ackMillis: performance.now() - started })
          })
          ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }))
        })
    },
    waitFor: (predicate, ms = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate()) return resolve()
        const check = () => {
          if (!predicate()) return
          cleanup()
          resolve()
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`condition not met within ${ms} ms`))
        }, ms)
        const cleanup = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return fake
}
