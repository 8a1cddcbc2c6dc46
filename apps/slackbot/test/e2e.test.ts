/**
 * End to end over HTTP: signed Slack requests into the real Bolt receiver (real signature checks),
 * the fake Slack Web API and response_urls out, and the CPP emulator behind the core.
 */
import type { OfferOptions } from "@offerops/emulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { blockActionBody, commandBody, postSigned, sign } from "../try/SlackRequests.ts"

const requester = "U0ALLOWED"
const colleague = "U0COLLEAGUE"
const stranger = "U0STRANGER"
const channel = "C0OPS"

const text = (post: { readonly body: Record<string, unknown> } | undefined) => JSON.stringify(post?.body ?? {})

describe("the bot over HTTP", () => {
  let h: Harness
  let offers = 0
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [requester, colleague], publishers: ["contoso"] }] })
  })
  afterAll(async () => {
    await h.close()
  })

  /** A fresh offer with a running publish whose cancel is asynchronous (202, done after 2 polls). */
  const runningOffer = (options: OfferOptions = {}) => {
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "async", cancelCompletesAfter: { polls: 2 }, ...options })
    const { id } = h.emulator.startOperation("contoso", offerId, "publish")
    return { offer: `contoso/${offerId}`, offerId, operationId: id }
  }

  const command = async (user: string, commandText: string) => {
    const responseUrl = h.slack.responseUrl()
    const body = commandBody({ user_id: user, channel_id: channel, text: commandText, response_url: responseUrl })
    const started = performance.now()
    const response = await postSigned(h.events, signingSecret, body)
    return { response, ackMillis: performance.now() - started, url: responseUrl.split("/").pop() ?? "" }
  }

  const click = async (user: string, value: string, action_id = "confirm_cancel") => {
    const responseUrl = h.slack.responseUrl()
    const body = blockActionBody({ user_id: user, channel_id: channel, action_id, value, response_url: responseUrl })
    const response = await postSigned(h.events, signingSecret, body)
    return { response, url: responseUrl.split("/").pop() ?? "" }
  }

  const postsTo = (url: string) => h.slack.responses.filter((post) => post.id === url)
  const firstPost = async (url: string) => {
    await eventually(() => postsTo(url).length > 0)
    return postsTo(url)[0]
  }
  const cancelRequests = (offerId: string) =>
    h.emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`/offers/${offerId}/cancel`))
  const auditOf = (offer: string) => h.audit.filter((line) => line.offer === offer)

  /** Asks for a confirmation and returns the opaque id its buttons carry. */
  const confirmationFor = async (user: string, offer: string) => {
    const asked = await command(user, `${offer} ops@contoso.com`)
    const post = await firstPost(asked.url)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(post))?.[1]
    expect(value).toBeDefined()
    return value ?? ""
  }

  it("answers /healthz with 200 once ready", async () => {
    const response = await fetch(`${h.bot.url}/healthz`)
    expect(response.status).toBe(200)
  })

  it("cancels after Confirm, posting progress and an in-channel outcome", async () => {
    const { offer, offerId, operationId } = runningOffer()
    const asked = await command(requester, `${offer} ops@contoso.com,lead@contoso.com`)
    expect(asked.response.status).toBe(200)
    expect(await asked.response.text()).toBe("")

    const confirmation = await firstPost(asked.url)
    expect(confirmation?.body.response_type).toBe("ephemeral")
    const shown = text(confirmation)
    expect(shown).toContain(operationId)
    expect(shown).toContain("ops@contoso.com, lead@contoso.com")
    expect(shown).toContain('"style":"danger"')
    expect(shown).toContain('"confirm":{')
    expect(shown).toContain("dismiss_cancel")
    expect(cancelRequests(offerId)).toHaveLength(0) // nothing is cancelled before Confirm

    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(shown)?.[1] ?? ""
    expect(value).not.toContain("contoso") // the button carries an opaque id only
    const clicked = await click(requester, value)
    expect(clicked.response.status).toBe(200)

    await eventually(() => postsTo(clicked.url).some((post) => post.body.response_type === "in_channel"))
    const posts = postsTo(clicked.url)
    expect(posts.length).toBeLessThanOrEqual(5)
    expect(posts.slice(0, -1).every((post) => post.body.replace_original === true)).toBe(true)
    expect(posts.length).toBeGreaterThanOrEqual(3) // "sending", at least one step, the outcome
    const outcome = text(posts.at(-1))
    expect(outcome).toContain(`<@${requester}> at `)
    expect(outcome).toContain(`Cancelled publish ${operationId} on ${offer}.`)
    expect(h.emulator.operation(operationId)?.status).toBe("canceled")
    expect(cancelRequests(offerId)).toHaveLength(1)
    expect(cancelRequests(offerId)[0]?.body).toContain("ops@contoso.com,lead@contoso.com")

    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    const events = auditOf(offer).map((line) => `${line.event}:${line.result}`)
    expect(events).toEqual(["request:confirmation-shown", "confirmation:accepted", "outcome:canceled"])
    const end = auditOf(offer).find((line) => line.event === "outcome")
    expect(end).toMatchObject({ who: requester, where: channel, operationId })
    expect(typeof end?.durationMs).toBe("number")
    expect(String(end?.location)).toContain(`/offers/${offerId}/operations/`)
    expect(JSON.stringify(h.audit)).not.toMatch(/xoxb|Bearer|response\/r\d|8f742231/)
  })

  it("says in the channel that the cancellation failed, and what to do, when the cancel operation fails", async () => {
    const { offer, operationId } = runningOffer({ cancelOutcome: "failed" })
    const clicked = await click(requester, await confirmationFor(requester, offer))
    await eventually(() => postsTo(clicked.url).some((post) => post.body.response_type === "in_channel"))
    const outcome = text(postsTo(clicked.url).at(-1))
    expect(outcome).toContain(`<@${requester}> tried to cancel the publish`)
    expect(outcome).toContain(`The cancellation on ${offer} failed: the operation still runs.`)
    expect(outcome).toContain("> The operation could not be cancelled because it reached a step that cannot be interrupted")
    expect(outcome).toContain(`\`/cancel-offer status ${offer}\` shows what runs now`)
    expect(outcome).not.toContain("Cancelled publish")
    expect(h.emulator.operation(operationId)).toMatchObject({ status: "running", cancelRequested: false })
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(auditOf(offer).find((line) => line.event === "outcome")?.result).toBe("cancel-failed")
  })

  it("says nothing was cancelled when the go-live completed before the cancel took effect", async () => {
    // A go-live runs its one step to the end (a publish waits at sign-off for one).
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { stepDurationsMs: { live: 1_000 } })
    const { id: operationId } = h.emulator.startOperation("contoso", offerId, "golive")
    const offer = `contoso/${offerId}`
    const value = await confirmationFor(requester, offer)
    // Hold the cancel back at the service while the go-live runs to its end.
    h.emulator.addFault({ route: `/api/publishers/contoso/offers/${offerId}/cancel`, method: "POST", kind: "latency", latencyMs: 3_000, times: 1 })
    const lists = () => h.emulator.requests().filter((r) => r.method === "GET" && r.path.startsWith(`/api/publishers/contoso/offers/${offerId}/submissions`))
    const before = lists().length
    const clicked = await click(requester, value)
    // The bot has read it running again after the click; now the go-live ends.
    await eventually(() => lists().length > before)
    h.emulator.advance(60_000)
    await eventually(() => postsTo(clicked.url).some((post) => post.body.response_type === "in_channel"), 20_000)
    const outcome = text(postsTo(clicked.url).at(-1))
    expect(outcome).toContain(
      `The goLive ${operationId} on ${offer} completed on its own before the cancel took effect: nothing was cancelled.`
    )
    expect(outcome).not.toContain("Cancelled goLive")
    expect(h.emulator.operation(operationId)?.status).toBe("completed")
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(auditOf(offer).find((line) => line.event === "outcome")?.result).toBe("ended-first:completed")
  }, 30_000)

  it("when the cancel's answer is lost, reports the cancel that took, having sent it once", async () => {
    const { offer, offerId, operationId } = runningOffer({ cancel: "sync" })
    h.emulator.addFault({ route: `/api/publishers/contoso/offers/${offerId}/cancel`, kind: "reset-after", times: 1 })
    const clicked = await click(requester, await confirmationFor(requester, offer))
    await eventually(() => postsTo(clicked.url).some((post) => post.body.response_type === "in_channel"))
    expect(text(postsTo(clicked.url).at(-1))).toContain(`Cancelled publish ${operationId} on ${offer}.`)
    expect(h.emulator.operation(operationId)?.status).toBe("canceled")
    expect(cancelRequests(offerId).map((request) => request.fault)).toEqual(["reset-after"])
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(auditOf(offer).find((line) => line.event === "outcome")?.result).toBe("canceled")
  })

  it("when the cancel's answer is lost and the service cannot tell, says so and what to check", async () => {
    const { offer, offerId, operationId } = runningOffer({ cancel: "sync" })
    h.emulator.addFault({ route: `/api/publishers/contoso/offers/${offerId}/cancel`, kind: "reset-after", times: 1 })
    const value = await confirmationFor(requester, offer)
    // The confirmation has read the operation; from now on reading it fails (404 is not retried).
    h.emulator.addFault({ route: `/api/publishers/contoso/offers/${offerId}/operations/`, kind: "status", status: 404, times: 1 })
    const clicked = await click(requester, value)
    await eventually(() => postsTo(clicked.url).some((post) => post.body.response_type === "in_channel"))
    const outcome = text(postsTo(clicked.url).at(-1))
    expect(outcome).toContain("the service could not show whether the cancel took")
    expect(outcome).toContain(`/cancel-offer status ${offer}`)
    expect(outcome).not.toContain("Cancelled publish")
    expect(h.emulator.operation(operationId)?.status).toBe("canceled")
    expect(cancelRequests(offerId)).toHaveLength(1)
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(auditOf(offer).find((line) => line.event === "outcome")?.result).toBe("failed:CancelUnconfirmed")
  })

  it("refuses a user no rule allows, before asking the API anything", async () => {
    const { offer, offerId } = runningOffer()
    h.emulator.clearRequests()
    const asked = await command(stranger, offer)
    const answer = await firstPost(asked.url)
    expect(answer?.body.response_type).toBe("ephemeral")
    expect(text(answer)).toContain("may not cancel operations of publisher *contoso*")
    expect(text(answer)).toContain(stranger)
    expect(text(answer)).not.toContain("confirm_cancel")
    expect(h.emulator.requests().filter((request) => request.path.includes(offerId))).toHaveLength(0)
    expect(auditOf(offer)).toMatchObject([{ event: "refusal", who: stranger, where: channel, result: "refused:NotAllowed" }])
  })

  it("refuses a button clicked by someone the policy does not allow, and keeps it usable", async () => {
    const { offer, offerId, operationId } = runningOffer()
    const value = await confirmationFor(requester, offer)
    const byStranger = await click(stranger, value)
    const refusal = await firstPost(byStranger.url)
    expect(refusal?.body.replace_original).toBe(false)
    expect(text(refusal)).toContain("may not cancel")
    expect(cancelRequests(offerId)).toHaveLength(0)
    expect(auditOf(offer).find((line) => line.event === "refusal")).toMatchObject({
      who: stranger,
      requester,
      result: "refused-confirmation:NotAllowed"
    })

    // An allowed colleague may confirm it; both people are on the record.
    const byColleague = await click(colleague, value)
    await eventually(() => postsTo(byColleague.url).some((post) => post.body.response_type === "in_channel"))
    expect(text(postsTo(byColleague.url).at(-1))).toContain(`<@${colleague}> (requested by <@${requester}>)`)
    expect(h.emulator.operation(operationId)?.status).toBe("canceled")
    expect(auditOf(offer).find((line) => line.event === "confirmation")).toMatchObject({ who: colleague, requester })
  })

  it("cancels once when Confirm is clicked twice at the same time", async () => {
    const { offer, offerId } = runningOffer()
    const value = await confirmationFor(requester, offer)
    const [first, second] = await Promise.all([click(requester, value), click(requester, value)])
    expect(first.response.status).toBe(200)
    expect(second.response.status).toBe(200)
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(cancelRequests(offerId)).toHaveLength(1)
    const refused = auditOf(offer).filter((line) => line.event === "refusal")
    expect(refused.map((line) => line.result)).toEqual(["refused-confirmation:ConfirmationUsed"])
    // A replay later is refused the same way.
    const replay = await click(requester, value)
    expect(text(await firstPost(replay.url))).toContain("already used")
    expect(cancelRequests(offerId)).toHaveLength(1)
  })

  it("refuses a second cancel of an offer while one is in flight", async () => {
    const { offer, offerId } = runningOffer()
    const one = await confirmationFor(requester, offer)
    const two = await confirmationFor(colleague, offer)
    const [a, b] = await Promise.all([click(requester, one), click(colleague, two)])
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    const answers = [...postsTo(a.url), ...postsTo(b.url)].map(text).join("\n")
    expect(answers).toContain("is already in progress")
    expect(cancelRequests(offerId)).toHaveLength(1)
  })

  it("dismisses without cancelling", async () => {
    const { offer, offerId } = runningOffer()
    const value = await confirmationFor(requester, offer)
    const dismissed = await click(requester, value, "dismiss_cancel")
    expect(text(await firstPost(dismissed.url))).toContain("Dismissed: nothing was cancelled")
    const late = await click(requester, value)
    expect(text(await firstPost(late.url))).toContain("already used")
    expect(cancelRequests(offerId)).toHaveLength(0)
  })

  it("shows what runs with status", async () => {
    const { offer, operationId } = runningOffer()
    const asked = await command(requester, `status ${offer}`)
    const answer = text(await firstPost(asked.url))
    expect(answer).toContain("A *publish* is running on *contoso/")
    expect(answer).toContain(operationId)
    h.emulator.addOffer("contoso", "idle")
    const idle = await command(requester, "status contoso/idle")
    expect(text(await firstPost(idle.url))).toContain("Nothing is running on *contoso/idle*")
    const missing = await command(requester, "status contoso/nothing-here")
    const notFound = text(await firstPost(missing.url))
    expect(notFound).toContain("No such publisher, offer or operation")
    expect(notFound).toContain("Check the publisherId, offerId")
  })

  it("shows how the last cancels on an offer ended with history, under the same policy as status", async () => {
    const { offer } = runningOffer()
    const clicked = await click(requester, await confirmationFor(requester, offer))
    await eventually(() => auditOf(offer).some((line) => line.event === "outcome"))
    expect(postsTo(clicked.url).length).toBeGreaterThan(0)
    const asked = await command(colleague, `history ${offer}`)
    const answer = text(await firstPost(asked.url))
    expect(answer).toContain(`<@${requester}>`)
    expect(answer).toContain("*canceled*")
    const refused = await command(stranger, `history ${offer}`)
    const refusal = text(await firstPost(refused.url))
    expect(refusal).toContain(`<@${stranger}> may not cancel`)
    expect(refusal).not.toContain("*canceled*")
  })

  it("answers garbage, however hostile, with usage", async () => {
    for (const garbage of ["", "help", "<!channel> please", "rm -rf / ; drop table", "a/b/c", "\u0000\u202e/x", "x".repeat(5000), "status"]) {
      const asked = await command(requester, garbage)
      expect(asked.response.status).toBe(200)
      const answer = text(await firstPost(asked.url))
      expect(answer).toContain("Usage")
      expect(answer).not.toContain("<!channel>")
    }
  })

  it("rejects forged, stale and future-dated signatures with 401, doing nothing", async () => {
    const { offer } = runningOffer()
    const url = h.slack.responseUrl()
    const body = commandBody({ user_id: requester, channel_id: channel, text: offer, response_url: url })
    const forged = await postSigned(h.events, "not-the-secret", body)
    expect(forged.status).toBe(401)
    const tampered = await postSigned(h.events, signingSecret, body, { signature: sign(signingSecret, `${body}&x=1`)["x-slack-signature"] })
    expect(tampered.status).toBe(401)
    const stale = await postSigned(h.events, signingSecret, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })
    expect(stale.status).toBe(401)
    const early = await postSigned(h.events, signingSecret, body, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })
    expect(early.status).toBe(401)
    const slightlyAhead = await postSigned(h.events, signingSecret, body, { timestamp: Math.floor(Date.now() / 1000) + 60 })
    expect(slightlyAhead.status).toBe(200)
    const unsigned = await fetch(h.events, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body })
    expect(unsigned.status).toBe(401)
    // Only the honest (slightly early) one is answered.
    await eventually(() => postsTo(url.split("/").pop() ?? "").length === 1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(postsTo(url.split("/").pop() ?? "")).toHaveLength(1)
  })

  it("acks within Slack's 3 seconds", async () => {
    const { offer } = runningOffer()
    const asked = await command(requester, offer)
    expect(asked.response.status).toBe(200)
    // Slack's own deadline: how fast it acks normally is for `pnpm bench`, not a loaded test machine.
    expect(asked.ackMillis).toBeLessThan(3_000)
  })
})

describe("the bot without a policy file", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(undefined)
  })
  afterAll(async () => {
    await h.close()
  })

  it("refuses every cancel and says how to configure the policy", async () => {
    const url = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, commandBody({ user_id: requester, channel_id: channel, text: "contoso/contoso-vm", response_url: url }))
    await eventually(() => h.slack.responses.length > 0)
    const answer = JSON.stringify(h.slack.responses[0]?.body)
    expect(answer).toContain("OFFEROPS_POLICY_FILE")
    expect(answer).toContain("Nobody may cancel")
    expect(h.emulator.requests()).toHaveLength(0)
  })
})
