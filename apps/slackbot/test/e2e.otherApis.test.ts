/**
 * #18 end to end over HTTP: `/cancel-offer` on a Partner Center product (ingestion API v1.0) and a
 * Product Ingestion configure job, through the same confirmation and durable workflow as a CPP
 * offer, against the emulator serving both APIs; and the policy granting by product, deny by default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { blockActionBody, commandBody, postSigned } from "../try/SlackRequests.ts"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"

const productOwner = "U0PRODUCT"
const accountOwner = "U0ACCOUNT"
const publisherOnly = "U0PUBLISHER"
const channel = "C0OPS"

const text = (post: { readonly body: Record<string, unknown> } | undefined) => JSON.stringify(post?.body ?? {})

describe("the bot on Partner Center's APIs", () => {
  let h: Harness
  let count = 0
  beforeAll(async () => {
    h = await startHarness({
      allow: [
        { users: [productOwner], products: ["bot-app-granted"] },
        { users: [accountOwner], products: ["*"] },
        { users: [publisherOnly], publishers: ["contoso"] }
      ]
    })
  })
  afterAll(async () => {
    await h.close()
  })

  const command = async (user: string, commandText: string) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, commandBody({ user_id: user, channel_id: channel, text: commandText, response_url: responseUrl }))
    return responseUrl.split("/").pop() ?? ""
  }
  const click = async (user: string, value: string) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, blockActionBody({ user_id: user, channel_id: channel, action_id: "confirm_cancel", value, response_url: responseUrl }))
    return responseUrl.split("/").pop() ?? ""
  }
  const postsTo = (url: string) => h.slack.responses.filter((post) => post.id === url)
  const firstPost = async (url: string) => {
    await eventually(() => postsTo(url).length > 0)
    return text(postsTo(url)[0])
  }
  const outcomeOf = async (url: string) => {
    await eventually(() => postsTo(url).some((post) => post.body.response_type === "in_channel"))
    return text(postsTo(url).at(-1))
  }
  const auditOf = (offer: string) => h.audit.filter((line) => line.offer === offer).map((line) => `${line.event}:${line.result}`)

  /** Asks for a confirmation of `reference` and clicks Confirm; returns what the confirmation showed and the click's url. */
  const confirm = async (user: string, reference: string) => {
    const shown = await firstPost(await command(user, reference))
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(shown)?.[1]
    expect(value, shown).toBeDefined()
    return { shown, clicked: await click(user, value ?? "") }
  }

  it("cancels product:<offer id> after Confirm: the submission is deleted and the channel told it was cancelled", async () => {
    const externalId = "bot-app-granted"
    const { id } = h.emulator.partnerCenter.addProduct({ externalId })
    const { submissionId } = h.emulator.partnerCenter.startSubmission(id)
    const reference = `product:${externalId}`
    const { shown, clicked } = await confirm(productOwner, reference)
    expect(shown).toContain(submissionId)
    const outcome = await outcomeOf(clicked)
    expect(outcome).toContain(`<@${productOwner}> at `)
    expect(outcome).toContain(`Cancelled publish ${submissionId} on ${reference}.`)
    expect(h.emulator.partnerCenter.submission(submissionId)?.deleted).toBe(true)
    const deletes = h.emulator.requests().filter((request) => request.method === "DELETE" && request.path.includes(submissionId))
    expect(deletes).toHaveLength(1)
    await eventually(() => auditOf(reference).includes("outcome:canceled"))
    expect(auditOf(reference)).toEqual(["request:confirmation-shown", "confirmation:accepted", "outcome:canceled"])
    // `history` shows it, keyed by the reference as typed.
    const history = await firstPost(await command(productOwner, `history ${reference}`))
    expect(history).toContain(reference)
    expect(history).toContain(submissionId)
  })

  it("cancels job:<jobId> after Confirm: the job ends cancelled and the channel is told", async () => {
    const externalId = `bot-saas-${++count}`
    h.emulator.productIngestion.addProduct({ externalId })
    const { jobId } = h.emulator.productIngestion.startConfigureJob(externalId)
    const reference = `job:${jobId}`
    const { shown, clicked } = await confirm(accountOwner, reference)
    expect(shown).toContain(jobId)
    const outcome = await outcomeOf(clicked)
    expect(outcome).toContain(`Cancelled configure ${jobId} on ${reference}.`)
    expect(h.emulator.productIngestion.job(jobId)?.result).toBe("cancelled")
    const cancels = h.emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`${jobId}/cancel`))
    expect(cancels).toHaveLength(1)
    await eventually(() => auditOf(reference).includes("outcome:canceled"))
  })

  it("shows a Product Ingestion submission (pia:) with why it is cancelled through its job, and no button", async () => {
    const externalId = `bot-saas-${++count}`
    h.emulator.productIngestion.addProduct({ externalId })
    // Its job done, the submission is in flight (a preview) until it is published.
    const { jobId } = h.emulator.productIngestion.startConfigureJob(externalId, { durations: { queuedMs: 1, processingMs: 1, publishingMs: 1 } })
    h.emulator.advance(60_000)
    const shown = await firstPost(await command(accountOwner, `pia:${externalId}`))
    expect(shown).toContain("is cancelled through the configure job that started it: cancel job:&lt;jobId&gt;")
    expect(shown).not.toContain("confirm_cancel")
    expect(h.emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`${jobId}/cancel`))).toHaveLength(0)
    await eventually(() => auditOf(`pia:${externalId}`).includes("request:refused:ByJob"))
  })

  it("grants by product only what the rule lists, and denies by default", async () => {
    const { id } = h.emulator.partnerCenter.addProduct({ externalId: "bot-app-other" })
    const { submissionId } = h.emulator.partnerCenter.startSubmission(id)
    // A product the rule does not list, a job (which names no product), a CPP offer: all refused.
    for (const reference of ["product:bot-app-other", "job:00000000-0000-0000-0000-000000000000", "contoso/vm"]) {
      const refused = await firstPost(await command(productOwner, reference))
      expect(refused, reference).toContain(":no_entry:")
      expect(refused).not.toContain("confirm_cancel")
    }
    // The refusal says what a rule must list.
    const said = await firstPost(await command(productOwner, "product:bot-app-other"))
    expect(said).toContain("`products`")
    expect(said).toContain("bot-app-other")
    // A publisher's rule grants no product.
    expect(await firstPost(await command(publisherOnly, "product:bot-app-other"))).toContain(":no_entry:")
    // The whole account (`*`) grants it.
    expect(await firstPost(await command(accountOwner, "product:bot-app-other"))).toContain(submissionId)
    expect(h.emulator.partnerCenter.submission(submissionId)?.deleted).not.toBe(true)
  })
})

describe("a channel watching a Partner Center product", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: [productOwner], products: ["bot-app-watched"] }] }, "http", { OFFEROPS_WATCH_SECONDS: "1" })
  })
  afterAll(async () => {
    await h.close()
  })

  const respondedTo = async (id: string) => {
    await eventually(() => h.slack.responses.some((post) => post.id === id))
    return text(h.slack.responses.find((post) => post.id === id))
  }
  const command = async (commandText: string) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, commandBody({ user_id: productOwner, channel_id: channel, text: commandText, response_url: responseUrl }))
    return respondedTo(responseUrl.split("/").pop() ?? "")
  }
  const click = async (action_id: string, value: string) => {
    const responseUrl = h.slack.responseUrl()
    await postSigned(h.events, signingSecret, blockActionBody({ user_id: productOwner, channel_id: channel, action_id, value, response_url: responseUrl }))
    return responseUrl.split("/").pop() ?? ""
  }
  const calls = (method: string, id: string) =>
    h.slack.calls.filter((call) => call.method === method && call.args.channel === channel && JSON.stringify(call.args).includes(id))

  it("posts a submission that starts, and its Cancel… cancels it through the confirmation; the message says so", async () => {
    const reference = "product:bot-app-watched"
    const { id } = h.emulator.partnerCenter.addProduct({ externalId: "bot-app-watched" })
    expect(await command(`watch ${reference}`)).toContain(`This channel now watches *${reference}*`)
    const { submissionId } = h.emulator.partnerCenter.startSubmission(id)
    await eventually(() => calls("chat.postMessage", submissionId).length > 0, 10_000)
    const posted = JSON.stringify(calls("chat.postMessage", submissionId)[0]?.args)
    expect(posted).toContain(reference)
    const button = /"action_id":"watch_cancel".*?"value":"([^"]+)"/.exec(posted)?.[1]
    expect(button).toBe(reference)
    const confirmation = await respondedTo(await click("watch_cancel", button ?? ""))
    expect(confirmation).toContain(submissionId)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(confirmation)?.[1] ?? ""
    await click("confirm_cancel", value)
    await eventually(() => h.emulator.partnerCenter.submission(submissionId)?.deleted === true, 10_000)
    await eventually(() => calls("chat.update", submissionId).some((call) => JSON.stringify(call.args).includes("cancelled through this bot")), 10_000)
    expect(calls("chat.postMessage", submissionId)).toHaveLength(1)
  })
})
