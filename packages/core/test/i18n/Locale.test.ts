import { assert, describe, it } from "@effect/vitest"
import { negotiateLocale, posixLocale } from "../../src/i18n/Locale.ts"

describe("negotiateLocale", () => {
  it("meets BCP 47 tags, POSIX names and Slack locales with a language offerops speaks, else English", () => {
    const cases: Record<string, string> = {
      "zh-Hant-TW": "zh-TW", "zh-TW": "zh-TW", "zh-HK": "zh-TW", "zh_TW.UTF-8": "zh-TW", "zh-CN": "en", "zh-Hans": "en",
      "ja-JP": "ja", "ja_JP.UTF-8": "ja", "ko-KR": "ko", "ru_RU.KOI8-R": "ru", "hu_HU.UTF-8@euro": "hu", "hu": "hu",
      "en-GB": "en", "pt-BR": "en", "C": "en", "POSIX": "en", "C.UTF-8": "en", "": "en", "not a tag!": "en"
    }
    for (const [requested, expected] of Object.entries(cases)) assert.strictEqual(negotiateLocale(requested), expected, requested)
  })

  it("takes the first of several it speaks", () => {
    assert.strictEqual(negotiateLocale(["pt-BR", undefined, "ko-KR", "ja"]), "ko")
  })
})

describe("posixLocale", () => {
  it("reads LC_ALL, then LC_MESSAGES, then LANG; C means English even when LANG says otherwise", () => {
    assert.strictEqual(posixLocale({ LC_ALL: "ja_JP.UTF-8", LC_MESSAGES: "ko_KR.UTF-8", LANG: "ru_RU.UTF-8" }), "ja")
    assert.strictEqual(posixLocale({ LC_MESSAGES: "ko_KR.UTF-8", LANG: "ru_RU.UTF-8" }), "ko")
    assert.strictEqual(posixLocale({ LC_ALL: "", LANG: "hu_HU.UTF-8" }), "hu")
    assert.strictEqual(posixLocale({ LC_ALL: "C", LANG: "ja_JP.UTF-8" }), "en")
    assert.strictEqual(posixLocale({}), "en")
  })
})
