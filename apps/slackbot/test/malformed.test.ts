/**
 * Correctly signed bodies of every wrong shape, through Bolt's real receiver: each gets a 400 and
 * a log line, and the bot stays up and answers the next honest command.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { blockActionPayload, commandBody, commandPayload, postSigned, sign } from "../try/SlackRequests.ts"

const requester = "U0ALLOWED"
const channel = "C0OPS"
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const payload = (value: unknown) => form({ payload: typeof value === "string" ? value : JSON.stringify(value) })
const click = blockActionPayload({ user_id: requester, channel_id: channel, action_id: "confirm_cancel", value: "x", response_url: "http://127.0.0.1:9/r" })

const malformed: ReadonlyArray<readonly [string, string]> = [
  ["payload=null", payload(null)],
  ["payload=[]", payload([])],
  ["payload=[null]", payload([null])],
  ["payload=1", payload(1)],
  ["payload=\"text\"", payload("\"text\"")],
  ["payload is not JSON", payload("{not json")],
  ["payload={}", payload({})],
  ["payload without user", payload({ ...click, user: undefined })],
  ["payload with user null", payload({ ...click, user: null })],
  ["payload with a numeric user id", payload({ ...click, user: { id: 7 } })],
  ["payload without actions", payload({ ...click, actions: undefined })],
  ["payload with actions not an array", payload({ ...click, actions: "confirm_cancel" })],
  ["payload with actions [null]", payload({ ...click, actions: [null] })],
  ["payload with a numeric value", payload({ ...click, actions: [{ action_id: "confirm_cancel", value: 7 }] })],
  ["payload with type a number", payload({ ...click, type: 3 })],
  ["command without user_id", form({ ...commandPayload({ user_id: requester, channel_id: channel, text: "help", response_url: "http://127.0.0.1:9/r" }), user_id: "" })],
  ["command given twice", `${commandBody({ user_id: requester, channel_id: channel, text: "help", response_url: "http://127.0.0.1:9/r" })}&command=%2Fother`],
  ["empty form", ""]
]

describe("signed but malformed bodies", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] })
  })
  afterAll(() => h.close())

  it.each(malformed)("answers %s with 400 and a log line", async (_name, body) => {
    const warn = vi.spyOn(console, "warn")
    try {
      const response = await postSigned(h.events, signingSecret, body)
      expect(response.status).toBe(400)
      expect(warn.mock.calls.flat().join("\n")).toMatch(/refused a request to the events URL \(400\)/)
    } finally {
      warn.mockRestore()
    }
  })

  it("answers JSON bodies that are null or an array with 400", async () => {
    for (const body of ["null", "[]", "\"x\"", "{}"]) {
      const response = await fetch(h.events, { method: "POST", headers: { "content-type": "application/json", ...sign(signingSecret, body) }, body })
      expect(response.status).toBe(400)
    }
  })

  it("is still up afterwards and answers an honest command", async () => {
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200)
    const responseUrl = h.slack.responseUrl()
    const response = await postSigned(h.events, signingSecret, commandBody({ user_id: requester, channel_id: channel, text: "help", response_url: responseUrl }))
    expect(response.status).toBe(200)
    const id = responseUrl.split("/").pop() ?? ""
    await eventually(() => h.slack.responses.some((post) => post.id === id), 20_000)
  })

  it("still refuses a malformed body that is not signed with 400 and an honest one that is not signed with 401", async () => {
    expect((await postSigned(h.events, "wrong-secret", payload(null))).status).toBe(400)
    expect((await postSigned(h.events, "wrong-secret", commandBody({ user_id: requester, channel_id: channel, text: "help", response_url: "http://127.0.0.1:9/r" }))).status).toBe(401)
  })
})

describe("#23 a replayed signed command", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] })
  })
  afterAll(() => h.close())

  it("is answered once: the same body and timestamp again within the signature window is acked and ignored", async () => {
    const responseUrl = h.slack.responseUrl()
    const id = responseUrl.split("/").pop() ?? ""
    const body = commandBody({ user_id: requester, channel_id: channel, text: "help", response_url: responseUrl })
    const timestamp = Math.floor(Date.now() / 1000)
    expect((await postSigned(h.events, signingSecret, body, { timestamp })).status).toBe(200)
    expect((await postSigned(h.events, signingSecret, body, { timestamp })).status).toBe(200)
    await eventually(() => h.slack.responses.some((post) => post.id === id), 20_000)
    // A fresh request (a new timestamp) is answered again.
    expect((await postSigned(h.events, signingSecret, body, { timestamp: timestamp + 1 })).status).toBe(200)
    await eventually(() => h.slack.responses.filter((post) => post.id === id).length === 2, 20_000)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(h.slack.responses.filter((post) => post.id === id)).toHaveLength(2)
  })
})
