/** The catalogue under Deno: intl-messageformat and the platform's Intl format one message in two languages. */
import { negotiateLocale, translator } from "../src/index.ts"

const assertEquals = (actual: unknown, expected: unknown) => {
  if (actual !== expected) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

Deno.test("formats one message in English and in Russian, plural rules included", () => {
  const footer = (locale: string, minutes: number) => translator(negotiateLocale(locale)).t("bot.confirm.footer", { minutes })
  assertEquals(
    footer("en-US", 1),
    "Only you can see this. It works once, within 1 minute. Nothing is cancelled until you confirm."
  )
  assertEquals(
    footer("ru_RU.UTF-8", 5),
    "Это видите только вы. Подтверждение можно использовать один раз в течение 5 минут. Пока вы не подтвердите, ничего не будет отменено."
  )
})

Deno.test("formats a time in the reader's time zone, in Japanese", () => {
  assertEquals(translator("ja", { timeZone: "Asia/Tokyo" }).dateTime(Date.UTC(2026, 11, 1, 13, 5)), "2026/12/01 22:05")
})
