/**
 * The catalogue's quality gates: every locale has every English key, each translation takes exactly
 * the arguments English takes (same names, same plural/select/number kinds, read with the library's
 * own parser), every plural names every category its language has, and every select has `other`.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser"
import { assert, describe, it } from "@effect/vitest"
import { en } from "../../src/i18n/en.ts"
import { locales } from "../../src/i18n/Locale.ts"
import { catalogues, type MessageKey, translator } from "../../src/i18n/Translator.ts"

type ArgumentKind = "value" | "number" | "date" | "time" | "select" | "plural"

interface Shape {
  readonly args: Map<string, ArgumentKind>
  readonly plurals: Array<ReadonlyArray<string>>
  readonly selects: Array<ReadonlyArray<string>>
}

const kindOf = (element: MessageFormatElement): ArgumentKind | undefined => {
  switch (element.type) {
    case TYPE.argument:
      return "value"
    case TYPE.number:
      return "number"
    case TYPE.date:
      return "date"
    case TYPE.time:
      return "time"
    case TYPE.select:
      return "select"
    case TYPE.plural:
      return "plural"
    default:
      return undefined
  }
}

const shapeOf = (message: string): Shape => {
  const shape: Shape = { args: new Map(), plurals: [], selects: [] }
  const walk = (elements: ReadonlyArray<MessageFormatElement>) => {
    for (const element of elements) {
      const kind = kindOf(element)
      if (kind !== undefined && "value" in element && typeof element.value === "string") shape.args.set(element.value, kind)
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        ;(element.type === TYPE.plural ? shape.plurals : shape.selects).push(Object.keys(element.options))
        for (const option of Object.values(element.options)) walk(option.value)
      }
    }
  }
  walk(parse(message, { ignoreTag: true }))
  return shape
}

const keys = Object.keys(en) as Array<MessageKey>

describe("the message catalogue", () => {
  it("has every English key, and no other, in every locale", () => {
    for (const locale of locales) {
      assert.deepStrictEqual(Object.keys(catalogues[locale]).sort(), [...keys].sort(), locale)
      for (const key of keys) assert.isAbove(catalogues[locale][key].trim().length, 0, `${locale} ${key}`)
    }
  })

  it("takes in every locale exactly the arguments English takes, of the same kind", () => {
    for (const key of keys) {
      const english = Object.fromEntries(shapeOf(en[key]).args)
      for (const locale of locales) {
        assert.deepStrictEqual(Object.fromEntries(shapeOf(catalogues[locale][key]).args), english, `${locale} ${key}`)
      }
    }
  })

  it("spells out every plural category of the language, and `other` in every select", () => {
    for (const locale of locales) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories
      for (const key of keys) {
        const shape = shapeOf(catalogues[locale][key])
        for (const options of shape.plurals) {
          for (const category of categories) assert.include(options, category, `${locale} ${key} lacks plural ${category}`)
        }
        for (const options of shape.selects) assert.include(options, "other", `${locale} ${key}`)
      }
    }
  })

  it("formats every message in every locale with sample values", () => {
    const sample = { minutes: 5, seconds: 30, kind: "publish", state: "running" }
    for (const locale of locales) {
      const t = translator(locale)
      for (const key of keys) {
        const values = Object.fromEntries(
          [...shapeOf(en[key]).args].map(([name, kind]) => [name, name in sample ? sample[name as keyof typeof sample] : kind === "plural" ? 2 : `<${name}>`])
        )
        const text = (t.t as (key: MessageKey, values: object) => string)(key, values)
        assert.notMatch(text, /\{|\}/, `${locale} ${key}: ${text}`)
      }
    }
  })
})

describe("plural rules", () => {
  const footer = (locale: "ru" | "hu", minutes: number) => translator(locale).t("bot.confirm.footer", { minutes })

  it("Russian: one, few, many and other", () => {
    assert.include(footer("ru", 1), "в течение 1 минуты.")
    assert.include(footer("ru", 2), "в течение 2 минут.")
    assert.include(footer("ru", 5), "в течение 5 минут.")
    assert.include(footer("ru", 21), "в течение 21 минуты.")
    assert.include(footer("ru", 1.5), "в течение 1,5 минуты.")
    const expired = (minutes: number) => translator("ru").t("bot.refusal.expired", { offer: "x", minutes })
    assert.include(expired(1), "действует 1 минуту)")
    assert.include(expired(3), "действует 3 минуты)")
    assert.include(expired(11), "действует 11 минут)")
  })

  it("Hungarian: one and other, both with the noun in the singular", () => {
    assert.include(footer("hu", 1), "1 percen belül")
    assert.include(footer("hu", 10), "10 percen belül")
  })

  it("English: one and other", () => {
    assert.include(translator("en").t("bot.confirm.footer", { minutes: 1 }), "within 1 minute.")
    assert.include(translator("en").t("bot.confirm.footer", { minutes: 10 }), "within 10 minutes.")
  })
})

describe("Intl formats", () => {
  const at = Date.UTC(2026, 11, 1, 13, 5)

  it("shows a time in the given time zone, in the language's own form", () => {
    assert.strictEqual(translator("ja", { timeZone: "Asia/Tokyo" }).dateTime(at), "2026/12/01 22:05")
    assert.strictEqual(translator("en", { timeZone: "America/New_York" }).dateTime(at), "Dec 1, 2026, 8:05 AM")
    // A zone the platform does not know is shown in UTC rather than failing the message.
    assert.strictEqual(translator("en", { timeZone: "Mars/Olympus" }).dateTime(at), "Dec 1, 2026, 1:05 PM")
  })

  it("spells durations, lists and percentages per language", () => {
    assert.strictEqual(translator("en").duration(90 * 60_000), "1 hr 30 min")
    assert.strictEqual(translator("ru").percent(0.4), "40\u00a0%")
    assert.strictEqual(translator("hu").list(["a", "b"]), "a és b")
  })
})
