/**
 * Messages for people, in their language: an ICU message from the catalogue formatted with its
 * values (intl-messageformat), and the platform's Intl for what a catalogue cannot spell out —
 * times in a time zone, durations, lists and percentages. A key or value the English catalogue does
 * not have is a compile error where `t` is called.
 */
import { IntlMessageFormat } from "intl-messageformat"
import { type Catalogue, en } from "./en.ts"
import { hu } from "./hu.ts"
import { ja } from "./ja.ts"
import { ko } from "./ko.ts"
import { defaultLocale, type Locale } from "./Locale.ts"
import type { MessageParams } from "./MessageParams.ts"
import { ru } from "./ru.ts"
import { zhTW } from "./zh-TW.ts"

export type MessageKey = keyof typeof en

export type Params<K extends MessageKey> = MessageParams<typeof en[K]>

export const catalogues: { readonly [L in Locale]: Catalogue } = { en, ja, ko, "zh-TW": zhTW, ru, hu }

/** `t("key")` when the message takes no values, `t("key", { … })` when it does. */
export type ParamsArgument<K extends MessageKey> = {} extends Params<K> ? [params?: Params<K>] : [params: Params<K>]

export interface Translator {
  readonly locale: Locale
  /** The time zone dates are shown in (IANA name); UTC unless one was given. */
  readonly timeZone: string
  t<K extends MessageKey>(key: K, ...params: ParamsArgument<K>): string
  /** A date and time, e.g. `2026/12/01 14:05` in Japanese, in the translator's time zone. */
  dateTime(epochMillis: number): string
  /** `a, b and c` in the language's own words. */
  list(items: ReadonlyArray<string>): string
  /** 0.4 → `40%` (`40 %` in Hungarian and Russian). */
  percent(fraction: number): string
  /** A length of time in whole units, e.g. `1 hr 30 min`; below a second, `0 sec`. */
  duration(millis: number): string
}

const compiled = new Map<string, IntlMessageFormat>()

// intl-messageformat asks Intl.NumberFormat which of the requested locales it supports, which loads
// ICU's number data (~30 ms, a tenth of a CLI run) even for a message without a number. Ours are
// our own catalogue's locales, which every full-ICU runtime (Node, Deno) supports.
IntlMessageFormat.resolveLocale = (requested) => new Intl.Locale(typeof requested === "string" ? requested : requested[0] ?? "en")

/**
 * The message compiled once per locale and key. `ignoreTag`: catalogue texts hold Slack's and the
 * terminal's angle brackets (`<publisherId>`), which are text, not markup.
 */
const format = (locale: Locale, key: MessageKey): IntlMessageFormat => {
  const id = `${locale}\u0000${key}`
  let message = compiled.get(id)
  if (message === undefined) {
    message = new IntlMessageFormat(catalogues[locale][key] ?? en[key], locale, undefined, { ignoreTag: true })
    compiled.set(id, message)
  }
  return message
}

const validTimeZone = (timeZone: string | undefined): string => {
  if (timeZone === undefined || timeZone === "") return "UTC"
  try {
    new Intl.DateTimeFormat("en", { timeZone })
    return timeZone
  } catch {
    return "UTC"
  }
}

const units = [["hour", 3_600_000], ["minute", 60_000], ["second", 1_000]] as const

/** Built on first use: most runs format a few messages and never a date, and Intl objects cost start-up. */
const lazy = <A>(make: () => A): () => A => {
  let value: A | undefined
  return () => (value ??= make())
}

export const translator = (locale: Locale = defaultLocale, options: { readonly timeZone?: string | undefined } = {}): Translator => {
  const timeZone = validTimeZone(options.timeZone)
  const dates = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }))
  const lists = lazy(() => new Intl.ListFormat(locale, { style: "long", type: "conjunction" }))
  const percents = lazy(() => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }))
  const unitFormats = lazy(() =>
    units.map(([unit, size]) => [new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }), size] as const)
  )
  const unitList = lazy(() => new Intl.ListFormat(locale, { style: "narrow", type: "unit" }))
  return {
    locale,
    timeZone,
    t: (key, ...params) => String(format(locale, key).format(params[0] as Record<string, string | number | Date> | undefined)),
    dateTime: (epochMillis) => dates().format(epochMillis),
    list: (items) => lists().format(items),
    percent: (fraction) => percents().format(fraction),
    duration: (millis) => {
      let left = Math.max(0, Math.round(millis / 1000) * 1000)
      const parts: Array<string> = []
      for (const [unitFormat, size] of unitFormats()) {
        const whole = Math.floor(left / size)
        left -= whole * size
        if (whole > 0) parts.push(unitFormat.format(whole))
      }
      return parts.length === 0
        ? new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short" }).format(0)
        : unitList().format(parts)
    }
  }
}
