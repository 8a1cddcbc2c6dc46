/**
 * End to end over Socket Mode: the real SocketModeReceiver asks the fake Slack Web API for a
 * WebSocket URL with the app token (SLACK_API_URL reaches that call too), connects to the fake's
 * WebSocket, acks envelopes on it and answers through response_urls, with the CPP emulator behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, startHarness } from "./support/Harness.ts"
import { blockActionPayload, commandPayload } from "../try/SlackRequests.ts"

const requester = "U0ALLOWED"
const channel = "C0OPS"

const text = (post: { readonly body: Record<string, unknown> } | undefined) => JSON.stringify(post?.body ?? {})

describe("the bot over Socket Mode", () => {
  let h: Harness
  let offers = 0
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] }, "socket")
  })
  afterAll(async () => {
    await h.close()
  })

  it("answers /healthz on the host it was given (127.0.0.1), not on every interface", async () => {
    expect(h.bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${h.bot.url}/healthz`)
    expect(response.status).toBe(200)
    // Nothing about the bot's files or versions.
    expect(await response.json()).toEqual({ ok: true })
    expect((await fetch(`${h.bot.url}/slack/events`)).status).toBe(404)
  })

  const runningOffer = () => {
    const offerId = `sock-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const { id } = h.emulator.startOperation("contoso", offerId, "publish")
    return { offer: `contoso/${offerId}`, offerId, operationId: id }
  }

  const command = async (commandText: string) => {
    const responseUrl = h.slack.responseUrl()
    const ack = await h.slack.socket.send(
      "slash_commands",
      commandPayload({ user_id: requester, channel_id: channel, text: commandText, response_url: responseUrl })
    )
    return { ack, url: responseUrl.split("/").pop() ?? "" }
  }

  const click = async (value: string) => {
    const responseUrl = h.slack.responseUrl()
    const ack = await h.slack.socket.send(
      "interactive",
      blockActionPayload({ user_id: requester, channel_id: channel, action_id: "confirm_cancel", value, response_url: responseUrl })
    )
    return { ack, url: responseUrl.split("/").pop() ?? "" }
  }

  const postsTo = (url: string) => h.slack.responses.filter((post) => post.id === url)
  const cancelRequests = (offerId: string) =>
    h.emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`/offers/${offerId}/cancel`))

  it("opens its connection through SLACK_API_URL with the app token, not the bot token", () => {
    const opens = h.slack.calls.filter((call) => call.method === "apps.connections.open")
    expect(opens).toHaveLength(1)
    expect(opens[0]?.authorization).toBe("Bearer xapp-fake")
    expect(h.slack.socket.connections).toBe(1)
    expect(h.slack.socket.open).toBe(true)
  })

  it("acks /cancel-offer on the socket at once and answers with a confirmation", async () => {
    const { offer, offerId, operationId } = runningOffer()
    const asked = await command(`${offer} ops@contoso.com`)
    expect(asked.ack.envelope_id).toMatch(/-slash_commands$/)
    expect(asked.ack.payload ?? {}).toEqual({}) // an empty ack: the answer goes to the response_url
    // Slack's own deadline: how fast it acks normally is for `pnpm bench`, not a loaded test machine.
    expect(asked.ack.ackMillis).toBeLessThan(3_000)

    await eventually(() => postsTo(asked.url).length > 0)
    const answer = postsTo(asked.url)[0]
    expect(answer?.body.response_type).toBe("ephemeral")
    expect(text(answer)).toContain(operationId)
    expect(text(answer)).toContain("confirm_cancel")
    expect(cancelRequests(offerId)).toHaveLength(0)
  })

  it("cancels once when Confirm arrives twice, acking both envelopes", async () => {
    const { offer, offerId, operationId } = runningOffer()
    const asked = await command(offer)
    await eventually(() => postsTo(asked.url).length > 0)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(postsTo(asked.url)[0]))?.[1] ?? ""
    expect(value).not.toBe("")

    const [first, second] = await Promise.all([click(value), click(value)])
    expect(first.ack.envelope_id).toMatch(/-interactive$/)
    expect(second.ack.envelope_id).toMatch(/-interactive$/)
    expect(first.ack.envelope_id).not.toBe(second.ack.envelope_id)

    await eventually(() => h.audit.some((line) => line.offer === offer && line.event === "outcome"))
    // The outcome is audited (and the offer released) before it is posted.
    await eventually(() => [...postsTo(first.url), ...postsTo(second.url)].some((post) => post.body.response_type === "in_channel"))
    expect(cancelRequests(offerId)).toHaveLength(1)
    expect(h.emulator.operation(operationId)?.status).toBe("canceled")
    const outcomes = [...postsTo(first.url), ...postsTo(second.url)].filter((post) => post.body.response_type === "in_channel")
    expect(outcomes).toHaveLength(1)
    expect(text(outcomes[0])).toContain(`Cancelled publish ${operationId} on ${offer}.`)
    const events = h.audit.filter((line) => line.offer === offer).map((line) => `${line.event}:${line.result}`)
    expect(events.toSorted()).toEqual([
      "confirmation:accepted",
      "outcome:canceled",
      "refusal:refused-confirmation:ConfirmationUsed",
      "request:confirmation-shown"
    ])
  })
})

describe("stopping the bot in Socket Mode", () => {
  it("closes its WebSocket", async () => {
    const h = await startHarness({ allow: [] }, "socket")
    try {
      expect(h.slack.socket.open).toBe(true)
      await h.bot.stop()
      // The bot has finished the close handshake; the fake sees the TCP close a moment later.
      await eventually(() => !h.slack.socket.open, 2_000)
    } finally {
      await Promise.all([h.slack.close(), h.emulator.close()])
    }
  })
})
