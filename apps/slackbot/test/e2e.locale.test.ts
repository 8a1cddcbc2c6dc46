/**
 * The bot in its readers' languages, end to end over HTTP: the fake Slack's users.info says each
 * user's locale and time zone; the requester reads the confirmation and progress in theirs, the
 * channel reads the outcome in the team's (OFFEROPS_TEAM_LANG), and a slow or failing users.info
 * costs only the language, never the ack.
 */
import type { Locale } from "@offerops/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { blockActionBody, commandBody, postSigned } from "../try/SlackRequests.ts"

const channel = "C0OPS"
const slackLocales: ReadonlyArray<readonly [string, Locale, string]> = [
  ["ja-JP", "ja", "で実行中の発行操作をキャンセルしますか?"],
  ["ko-KR", "ko", "에서 실행 중인 게시 작업을 취소할까요?"],
  ["zh-TW", "zh-TW", "上正在執行的發行作業嗎？"],
  ["ru-RU", "ru", "Отменить текущую публикацию в предложении"],
  ["hu-HU", "hu", "ajánlaton futó közzétételi műveletet?"]
]

describe("the bot in its readers' languages", () => {
  let h: Harness
  let offers = 0
  beforeAll(async () => {
    h = await startHarness({ allow: [{ users: ["U0JA", "U0KO", "U0ZH", "U0RU", "U0HU", "U0SLOW", "U0GONE"], publishers: ["contoso"] }] }, "http", {
      OFFEROPS_TEAM_LANG: "hu"
    })
    const ids = ["U0JA", "U0KO", "U0ZH", "U0RU", "U0HU"]
    slackLocales.forEach(([locale], i) => h.slack.users.set(ids[i]!, { locale, tz: "Asia/Tokyo" }))
    h.slack.users.set("U0SLOW", { locale: "ja-JP", tz: "Asia/Tokyo", delayMs: 5_000 })
    h.slack.users.set("U0GONE", { fail: true })
  })
  afterAll(async () => {
    await h.close()
  })

  const runningOffer = () => {
    const offerId = `vm-${++offers}`
    h.emulator.addOffer("contoso", offerId, { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const { id } = h.emulator.startOperation("contoso", offerId, "publish")
    return { offer: `contoso/${offerId}`, operationId: id }
  }

  const command = async (user: string, text: string) => {
    const responseUrl = h.slack.responseUrl()
    const started = performance.now()
    const response = await postSigned(h.events, signingSecret, commandBody({ user_id: user, channel_id: channel, text, response_url: responseUrl }))
    const ackMillis = performance.now() - started
    const id = responseUrl.split("/").pop() ?? ""
    await eventually(() => h.slack.responses.some((post) => post.id === id))
    return { response, ackMillis, id, shown: JSON.stringify(h.slack.responses.find((post) => post.id === id)?.body) }
  }

  it.each(slackLocales.map(([locale, , text], i) => [locale, ["U0JA", "U0KO", "U0ZH", "U0RU", "U0HU"][i]!, text] as const))(
    "shows a %s user the confirmation in their language, asking users.info with include_locale",
    async (_, user, question) => {
      const { offer } = runningOffer()
      const { shown } = await command(user, offer)
      expect(shown).toContain(question)
      const asked = h.slack.calls.filter((call) => call.method === "users.info" && call.args.user === user)
      expect(asked).toHaveLength(1)
      expect(String(asked[0]?.args.include_locale)).toBe("true")
    }
  )

  it("tells the requester the progress in Japanese and the channel the outcome in the team's Hungarian", async () => {
    const { offer, operationId } = runningOffer()
    const { shown } = await command("U0JA", offer)
    const value = /"action_id":"confirm_cancel".*?"value":"([^"]+)"/.exec(shown)?.[1] ?? ""
    const responseUrl = h.slack.responseUrl()
    const id = responseUrl.split("/").pop() ?? ""
    await postSigned(h.events, signingSecret, blockActionBody({ user_id: "U0JA", channel_id: channel, action_id: "confirm_cancel", value, response_url: responseUrl }))
    await eventually(() => h.slack.responses.some((post) => post.id === id && post.body.response_type === "in_channel"))
    const posts = h.slack.responses.filter((post) => post.id === id)
    expect(JSON.stringify(posts[0]?.body)).toContain("をキャンセルしています")
    const final = JSON.stringify(posts.find((post) => post.body.response_type === "in_channel")?.body)
    expect(final).toContain(`ajánlat „közzététel” művelete (${operationId}) megszakítva.`)
    expect(final).toContain("Nincs több teendő")
  })

  it("answers in English when users.info fails, and acks at once when it is slow", async () => {
    const gone = await command("U0GONE", runningOffer().offer)
    expect(gone.shown).toContain("Cancel the publish running on")

    const slow = await command("U0SLOW", runningOffer().offer)
    expect(slow.response.status).toBe(200)
    expect(slow.ackMillis).toBeLessThan(1_000)
    // Slack took longer than the bot waits for it: the answer comes in English, not late.
    expect(slow.shown).toContain("Cancel the publish running on")
  })
})
