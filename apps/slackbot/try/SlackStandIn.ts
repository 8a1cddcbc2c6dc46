/**
 * A small local stand-in for Slack, for trying the bot without a workspace: the Web API methods the
 * bot calls (`auth.test`, `users.info`, `conversations.info`, `chat.postMessage`, `chat.update`), `response_url`s with Slack's limit of
 * 5 posts each, and, towards the bot, slash commands and button clicks signed as Slack signs them and
 * sent to Bolt's real HTTP receiver. It keeps what a person would see in the channel and tells
 * `onShow` each time that changes; each message numbers its buttons 1, 2, … so a terminal can press
 * them (a number presses a button of the newest message that has any).
 */
import { randomUUID } from "node:crypto"
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { blockActionBody, commandBody, postSigned } from "./SlackRequests.ts"

/** A Block Kit block, as far as the stand-in reads it. */
export interface Block {
  readonly type: string
  readonly text?: { readonly text: string }
  readonly fields?: ReadonlyArray<{ readonly text: string }>
  readonly elements?: ReadonlyArray<Element>
}

export interface Element {
  readonly type: string
  readonly text?: string | { readonly text: string }
  readonly action_id?: string
  readonly value?: string
  readonly confirm?: Dialog
}

/** A button's "are you sure?" dialog, which Slack shows before it sends the click. */
export interface Dialog {
  readonly title: { readonly text: string }
  readonly text: { readonly text: string }
  readonly confirm: { readonly text: string }
  readonly deny: { readonly text: string }
}

export interface Message {
  readonly id: number
  /** Only the person who ran the command sees an ephemeral message. */
  readonly ephemeral: boolean
  readonly text: string
  readonly blocks: ReadonlyArray<Block>
}

export interface Button {
  readonly number: number
  readonly label: string
  readonly confirm: Dialog | undefined
}

export interface Shown {
  readonly message: Message
  /** Whether it replaced a message shown before (an edit), rather than arriving as a new one. */
  readonly replaced: boolean
  /** Its buttons, numbered for `press`. */
  readonly buttons: ReadonlyArray<Button>
}

export interface Person {
  readonly userId: string
  readonly channelId: string
}

export interface SlackStandIn {
  /** For SLACK_API_URL. */
  readonly apiUrl: string
  /** Sends `/cancel-offer <text>` to the bot, as `person` typed it in their channel; false if the bot did not take it. */
  command(text: string): Promise<boolean>
  /** The buttons a number presses: those of the newest message that has any. */
  buttons(): ReadonlyArray<Button>
  /** The button with this number on the newest message with buttons, if any. */
  button(number: number): Button | undefined
  /** Clicks that button (after its dialog, if it has one); false if the bot did not take it. */
  press(number: number): Promise<boolean>
  close(): Promise<void>
}

interface Live {
  message: Message
  buttons: Array<Button & { readonly actionId: string; readonly value: string }>
}

export const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

/** The WebClient sends forms whose structured fields (blocks) are JSON; response_url posts are JSON. */
export const argsOf = (contentType: string | undefined, body: string): Record<string, unknown> => {
  if (contentType?.includes("application/json") === true) return JSON.parse(body || "{}") as Record<string, unknown>
  const args: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(body)) args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value
  return args
}

const labelOf = (element: Element) => (typeof element.text === "string" ? element.text : element.text?.text ?? "")

/** Slack allows 5 posts per response_url. */
const postsPerResponseUrl = 5

export const startSlackStandIn = async (options: {
  readonly signingSecret: string
  /** Where the bot receives events, e.g. `http://127.0.0.1:3000/slack/events`; known once it runs. */
  readonly events: () => string
  readonly person: Person
  readonly onShow: (shown: Shown) => void
}): Promise<SlackStandIn> => {
  const live = new Map<number, Live>()
  const byTs = new Map<string, number>()
  // Each response_url: the message it edits (for a click, the clicked one; for a command, its first answer) and its posts.
  const responseUrls = new Map<string, { target: number | undefined; posts: number }>()
  let nextMessage = 1
  // Message ids, the one shown (or edited) last at the end.
  let recent: Array<number> = []

  const show = (message: Omit<Message, "id">, replacing: number | undefined) => {
    const id = replacing ?? nextMessage++
    const buttons = message.blocks.flatMap((block) => block.type === "actions" ? block.elements ?? [] : [])
      .filter((element) => element.type === "button")
      .map((element, index) => ({
        number: index + 1,
        label: labelOf(element),
        confirm: element.confirm,
        actionId: element.action_id ?? "",
        value: element.value ?? ""
      }))
    const entry = { message: { ...message, id }, buttons }
    live.set(id, entry)
    recent = [...recent.filter((shown) => shown !== id), id]
    options.onShow({ message: entry.message, replaced: replacing !== undefined, buttons })
    return id
  }

  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const path = new URL(request.url ?? "/", "http://stand-in").pathname
    const reply = (status: number, json: unknown) => {
      response.writeHead(status, { "content-type": "application/json" })
      response.end(JSON.stringify(json))
    }
    const api = /^\/api\/([\w.]+)$/.exec(path)
    const hook = /^\/response\/([\w-]+)$/.exec(path)
    const args = argsOf(request.headers["content-type"], body)
    const blocks = (args["blocks"] ?? []) as ReadonlyArray<Block>
    const text = String(args["text"] ?? "")
    if (api?.[1] === "auth.test") return reply(200, { ok: true, user_id: "UOFFEROPS", bot_id: "BOFFEROPS", team_id: "TLOCAL" })
    if (api?.[1] === "users.info") {
      // The person at the terminal reads English in their own time zone.
      const tz = Intl.DateTimeFormat().resolvedOptions().timeZone
      return reply(200, { ok: true, user: { id: args["user"], locale: "en-US", tz, tz_offset: -new Date().getTimezoneOffset() * 60 } })
    }
    // #22: `watch` asks whether the bot may post in the channel: here it may.
    if (api?.[1] === "conversations.info") {
      return reply(200, { ok: true, channel: { id: args["channel"], is_archived: false, is_private: false, is_member: true } })
    }
    if (api?.[1] === "chat.postMessage") {
      const ts = `${Math.floor(Date.now() / 1000)}.${String(nextMessage).padStart(6, "0")}`
      byTs.set(ts, show({ ephemeral: false, text, blocks }, undefined))
      return reply(200, { ok: true, channel: args["channel"], ts })
    }
    if (api?.[1] === "chat.update") {
      const target = byTs.get(String(args["ts"]))
      if (target === undefined) return reply(200, { ok: false, error: "message_not_found" })
      show({ ephemeral: false, text, blocks }, target)
      return reply(200, { ok: true, channel: args["channel"], ts: args["ts"] })
    }
    if (api !== null) return reply(200, { ok: false, error: "unknown_method" })
    const responseUrl = hook === null ? undefined : responseUrls.get(hook[1] ?? "")
    if (responseUrl === undefined) return reply(404, { ok: false, error: "not_found" })
    if (++responseUrl.posts > postsPerResponseUrl) return reply(404, { ok: false, error: "used_url" })
    if (args["delete_original"] === true && responseUrl.target !== undefined) {
      live.delete(responseUrl.target)
      return reply(200, { ok: true })
    }
    const replacing = args["replace_original"] === true ? responseUrl.target : undefined
    const id = show({ ephemeral: args["response_type"] !== "in_channel", text, blocks }, replacing)
    responseUrl.target ??= id
    reply(200, { ok: true })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const newResponseUrl = (target: number | undefined) => {
    const id = randomUUID()
    responseUrls.set(id, { target, posts: 0 })
    return `${url}/response/${id}`
  }

  const send = async (body: string) => {
    const response = await postSigned(options.events(), options.signingSecret, body)
    await response.arrayBuffer()
    return response.ok
  }

  const newestWithButtons = () =>
    recent.map((id) => live.get(id)).findLast((entry) => entry !== undefined && entry.buttons.length > 0)

  const findButton = (number: number) => {
    const entry = newestWithButtons()
    const button = entry?.buttons.find((candidate) => candidate.number === number)
    return entry === undefined || button === undefined ? undefined : { entry, button }
  }

  return {
    apiUrl: `${url}/api/`,
    command: (text) =>
      send(commandBody({
        user_id: options.person.userId,
        channel_id: options.person.channelId,
        text,
        response_url: newResponseUrl(undefined)
      })),
    buttons: () => newestWithButtons()?.buttons ?? [],
    button: (number) => findButton(number)?.button,
    press: (number) => {
      const found = findButton(number)
      if (found === undefined) return Promise.resolve(false)
      return send(blockActionBody({
        user_id: options.person.userId,
        channel_id: options.person.channelId,
        action_id: found.button.actionId,
        value: found.button.value,
        response_url: newResponseUrl(found.entry.message.id)
      }))
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
