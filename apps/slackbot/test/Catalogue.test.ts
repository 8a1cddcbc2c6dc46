/**
 * The bot's own catalogue (apps/slackbot/src/i18n): the gates the core's catalogue passes — every key
 * in every language, English's arguments, every plural category — and no word the bot's source does
 * not use. Slack's limits on each message are MessagesI18n.test.ts's; the core's messages stay in the
 * core's catalogue.
 */
import { locales } from "@offerops/core"
import { catalogueProblems, unusedKeyProblems } from "@offerops/core/catalogue-check"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { subcommands } from "../src/CommandText.ts"
import { en } from "../src/i18n/en.ts"
import { catalogues, translator } from "../src/i18n/Translator.ts"

const src = new URL("../src/", import.meta.url).pathname
/** The bot's source, without the catalogues themselves. */
const sources = (readdirSync(src, { recursive: true }) as Array<string>)
  .filter((file) => file.endsWith(".ts") && !locales.some((locale) => file === join("i18n", `${locale}.ts`)))
  .map((file) => readFileSync(join(src, file), "utf8"))

/** Keys the source builds, with every key each can make: the usage line of every subcommand. */
const computed = {
  "bot.usage.${subcommand.name}": ["bot.usage.cancel", "bot.usage.status", "bot.usage.history", "bot.usage.watch", "bot.usage.unwatch", "bot.usage.watching", "bot.usage.help"]
}

describe("the bot's catalogue", () => {
  it("has every key in every language, with English's arguments and plural categories, over the core's", () => {
    expect(catalogueProblems(catalogues)).toEqual([])
  })

  it("holds only the bot's words, each used by the bot's source", () => {
    const keys = Object.keys(en)
    expect(keys.filter((key) => !key.startsWith("bot."))).toEqual([])
    expect(unusedKeyProblems(keys, sources, computed)).toEqual([])
    expect(computed["bot.usage.${subcommand.name}"]).toEqual(subcommands.map((subcommand) => `bot.usage.${subcommand.name}`))
  })
})

describe("plural rules", () => {
  const footer = (locale: "en" | "ru" | "hu", minutes: number) => translator(locale).t("bot.confirm.footer", { minutes })

  it("Russian: one, few, many and other", () => {
    expect(footer("ru", 1)).toContain("в течение 1 минуты.")
    expect(footer("ru", 2)).toContain("в течение 2 минут.")
    expect(footer("ru", 5)).toContain("в течение 5 минут.")
    expect(footer("ru", 21)).toContain("в течение 21 минуты.")
    expect(footer("ru", 1.5)).toContain("в течение 1,5 минуты.")
    const expired = (minutes: number) => translator("ru").t("bot.refusal.expired", { offer: "x", minutes })
    expect(expired(1)).toContain("действует 1 минуту)")
    expect(expired(3)).toContain("действует 3 минуты)")
    expect(expired(11)).toContain("действует 11 минут)")
  })

  it("Hungarian: one and other, both with the noun in the singular", () => {
    expect(footer("hu", 1)).toContain("1 percen belül")
    expect(footer("hu", 10)).toContain("10 percen belül")
  })

  it("English: one and other", () => {
    expect(footer("en", 1)).toContain("within 1 minute.")
    expect(footer("en", 10)).toContain("within 10 minutes.")
  })
})
