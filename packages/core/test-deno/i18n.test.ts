/**
 * The catalogues under Deno: intl-messageformat and the platform's Intl format messages in two
 * languages, plural rules included, for the core's catalogue and for a face's merged over it; and
 * the core's catalogue passes the gates here too.
 */
import { catalogueProblems } from "../src/i18n/CatalogueCheck.ts"
import { coreCatalogues, overCore, translator } from "../src/i18n/Catalogues.ts"
import { makeTranslator, negotiateLocale } from "../src/index.ts"

const assertEquals = (actual: unknown, expected: unknown) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

Deno.test("the core's catalogue passes the gates", () => {
  assertEquals(catalogueProblems(coreCatalogues), [])
})

Deno.test("formats a core message in English and in Russian", () => {
  const canceled = (locale: string) => translator(negotiateLocale(locale)).t("core.outcome.NothingRunning.what", { offer: "p/o" })
  assertEquals(canceled("en-US"), "Nothing is running on p/o: nothing was cancelled.")
  assertEquals(canceled("ru_RU.UTF-8"), translator("ru").t("core.outcome.NothingRunning.what", { offer: "p/o" }))
  if (canceled("ru_RU.UTF-8") === canceled("en")) throw new Error("Russian spoke English")
})

Deno.test("a face's words merged over the core's: its plurals in Russian, the core's words still there", () => {
  const footer = { "face.footer": "within {minutes, plural, one {# minute} other {# minutes}}" } as const
  const ru = { "face.footer": "в течение {minutes, plural, one {# минуты} few {# минут} many {# минут} other {# минуты}}" }
  const face = makeTranslator(overCore({ en: footer, ja: footer, ko: footer, "zh-TW": footer, ru, hu: footer }))
  assertEquals(face("en").t("face.footer", { minutes: 1 }), "within 1 minute")
  assertEquals([1, 5, 21, 1.5].map((minutes) => face("ru").t("face.footer", { minutes })), ["в течение 1 минуты", "в течение 5 минут", "в течение 21 минуты", "в течение 1,5 минуты"])
  assertEquals(face("ru").t("core.outcome.NothingRunning.what", { offer: "p/o" }), translator("ru").t("core.outcome.NothingRunning.what", { offer: "p/o" }))
})

Deno.test("formats a time in the reader's time zone, in Japanese", () => {
  assertEquals(translator("ja", { timeZone: "Asia/Tokyo" }).dateTime(Date.UTC(2026, 11, 1, 13, 5)), "2026/12/01 22:05")
})
