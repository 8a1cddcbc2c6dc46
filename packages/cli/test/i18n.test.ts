/**
 * offerops in the reader's language: the locale comes from --lang, else LC_ALL, LC_MESSAGES, LANG;
 * text output and advice follow it, and JSON output is byte for byte the same in every language.
 * The snapshots are what a person reads in each language, with ids and times masked.
 */
import { describe, expect, it } from "vitest"
import { offerops, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator((emulator) => {
  emulator.addOffer("contoso", "contoso-vm")
  emulator.startOperation("contoso", "contoso-vm")
})
let offers = 0

const runningOffer = () => {
  const offerId = `offer-${++offers}`
  cpp.emulator.addOffer("acme", offerId)
  cpp.emulator.startOperation("acme", offerId)
  return `acme/${offerId}`
}

const posixLocales = ["ja_JP.UTF-8", "ko_KR.UTF-8", "zh_TW.UTF-8", "ru_RU.UTF-8", "hu_HU.UTF-8"] as const

const withLang = (LANG: string, extra: Record<string, string> = {}) => ({ ...cpp.env, LANG, ...extra })

/** What varies between runs: ids, times, the emulator's port, a resume token. */
const masked = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")
    .replace(/^\d\d:\d\d:\d\d /gm, "<hh:mm:ss> ")
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, "<emulator>")
    .replace(/acme\/offer-\d+/g, "acme/<offer>")

describe("offerops operations", () => {
  it.each(posixLocales)("speaks the language of LANG=%s, with the same JSON as in English", async (LANG) => {
    const english = await offerops(withLang("C"), ["operations", "contoso/contoso-vm"])
    const local = await offerops(withLang(LANG), ["operations", "contoso/contoso-vm"])
    expect(local.code).toBe(0)
    expect(local.stdout).not.toBe(english.stdout)
    expect(masked(local.stdout)).toMatchSnapshot()

    const englishJson = await offerops(withLang("C"), ["operations", "contoso/contoso-vm", "--output", "json"])
    const localJson = await offerops(withLang(LANG), ["operations", "contoso/contoso-vm", "--output", "json"])
    expect(localJson.stdout).toBe(englishJson.stdout)
  })

  it("shows one operation's steps in Japanese, and the same JSON as in English", async () => {
    const list = await offerops(cpp.env, ["operations", "contoso/contoso-vm", "--output", "json"])
    const id = JSON.parse(list.stdout).operations[0].id as string
    const local = await offerops(withLang("ja_JP.UTF-8"), ["operations", "contoso/contoso-vm", id])
    expect(local.stdout).toMatch(/^発行 \S+ 実行中 · ステップ 1\/6 Validate Pre-Requisites/)
    expect(masked(local.stdout)).toMatchSnapshot()
    const json = await offerops(withLang("ja_JP.UTF-8"), ["operations", "contoso/contoso-vm", id, "--output", "json"])
    const englishJson = await offerops(withLang("en_US.UTF-8"), ["operations", "contoso/contoso-vm", id, "--output", "json"])
    expect(json.stdout).toBe(englishJson.stdout)
  })

  it("takes --lang over the environment, and LC_ALL over LC_MESSAGES over LANG", async () => {
    const args = ["operations", "acme/idle-offer"]
    cpp.emulator.addOffer("acme", "idle-offer")
    const said = async (env: Record<string, string>, extra: ReadonlyArray<string> = []) =>
      (await offerops({ ...cpp.env, ...env }, [...args, ...extra])).stdout.trim()
    expect(await said({ LANG: "ru_RU.UTF-8" }, ["--lang", "ko"])).toBe("acme/idle-offer에 작업이 없습니다")
    expect(await said({ LANG: "ru_RU.UTF-8", LC_MESSAGES: "hu_HU.UTF-8", LC_ALL: "zh_TW.UTF-8" })).toBe("acme/idle-offer 沒有任何作業")
    expect(await said({ LANG: "ru_RU.UTF-8", LC_MESSAGES: "hu_HU.UTF-8" })).toBe("a(z) acme/idle-offer ajánlaton nincs művelet")
    expect(await said({ LANG: "ru_RU.UTF-8" })).toBe("в предложении acme/idle-offer нет операций")
    expect(await said({ LANG: "ja_JP.UTF-8", LC_ALL: "C" })).toBe("no operations on acme/idle-offer")
    expect(await said({ LANG: "pt_BR.UTF-8" })).toBe("no operations on acme/idle-offer")
  })
})

describe("offerops cancel", () => {
  it.each(["C", ...posixLocales])("tells the cancel in LANG=%s", async (LANG) => {
    const run = await offerops(withLang(LANG), ["cancel", runningOffer(), "--yes", "--poll-interval", "50ms"])
    expect(run.code).toBe(0)
    expect(masked(run.stdout)).toMatchSnapshot()
  })

  it.each(["C", ...posixLocales])("gives the reason and the advice in LANG=%s, and the same JSON error as in English", async (LANG) => {
    cpp.emulator.addOffer("acme", "idle")
    const run = await offerops(withLang(LANG), ["cancel", "acme/idle", "--yes"])
    expect(run.code).toBe(6)
    expect(masked(run.stderr)).toMatchSnapshot()
    const json = await offerops(withLang(LANG), ["cancel", "acme/idle", "--yes", "--output", "json"])
    const english = await offerops(withLang("C"), ["cancel", "acme/idle", "--yes", "--output", "json"])
    expect(json.stdout).toBe(english.stdout)
    expect(JSON.parse(json.stdout).error).toMatchObject({ _tag: "NotFound", code: "NothingRunning" })
  })

  it("refuses without a terminal in the reader's language, keeping the JSON message English", async () => {
    const run = await offerops(withLang("hu_HU.UTF-8"), ["cancel", runningOffer()])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("adja meg a --yes kapcsolót")
    const json = await offerops(withLang("hu_HU.UTF-8"), ["cancel", runningOffer(), "--output", "json"])
    expect(JSON.parse(json.stdout).error.message).toContain("pass --yes to cancel anyway")
  })

  it("asks in Japanese on a terminal", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(withLang("ja_JP.UTF-8"), ["cancel", offer, "--poll-interval", "50ms"], { typed: ["n"] })
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(new RegExp(`${offer} の発行 \\S+ をキャンセルしますか\\? \\[y/N\\]`))
    expect(run.stderr).toContain("何もキャンセルされていません。")
  })
})
