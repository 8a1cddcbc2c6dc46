/**
 * A person in the channel, as the process tests see them: a signed `/cancel-offer` to the bot they
 * choose (returning the confirmation's button value) and a signed click (returning the click's
 * response_url id, to read what the bot posted to it).
 */
import { expect } from "vitest"
import { eventually } from "./eventually.ts"
import type { FakeSlack } from "./FakeSlack.ts"
import { blockActionBody, commandBody, postSigned } from "./SlackRequests.ts"

export const channel = "C0OPS"

export const text = (post: { readonly body: Record<string, unknown> } | undefined) => JSON.stringify(post?.body ?? {})

export const slackUsers = (slack: FakeSlack, secret: string) => ({
  command: async (botUrl: string, user: string, commandText: string) => {
    const responseUrl = slack.responseUrl()
    const body = commandBody({ user_id: user, channel_id: channel, text: commandText, response_url: responseUrl })
    expect((await postSigned(`${botUrl}/slack/events`, secret, body)).status).toBe(200)
    const id = responseUrl.split("/").pop() ?? ""
    await eventually(() => slack.responses.some((post) => post.id === id), 30_000)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(text(slack.responses.find((post) => post.id === id)))?.[1]
    expect(value).toBeDefined()
    return value ?? ""
  },
  click: async (botUrl: string, user: string, value: string) => {
    const responseUrl = slack.responseUrl()
    const body = blockActionBody({ user_id: user, channel_id: channel, action_id: "confirm_cancel", value, response_url: responseUrl })
    expect((await postSigned(`${botUrl}/slack/events`, secret, body)).status).toBe(200)
    return responseUrl.split("/").pop() ?? ""
  },
  /** The posts Slack took on a response_url (it refuses a 6th). */
  postsTo: (id: string) => slack.responses.filter((post) => post.id === id && post.n <= 5)
})
