/**
 * Messages for people, in their language: an ICU message from a catalogue formatted with its values
 * (intl-messageformat), and the platform's Intl for what a catalogue cannot spell out — times in a
 * time zone, durations, lists and percentages. The core's catalogue holds the core's messages; each
 * face builds its translator from it merged with its own (`makeTranslator`). A key or value the
 * English catalogue does not have is a compile error where `t` is called.
 *
 * English is here; another language is loaded when a reader asks for it (`coreWords`), so a
 * one-shot run loads one language, not six. Catalogues.ts holds all six at once.
 */
import { IntlMessageFormat } from "intl-messageformat"
import { en } from "./en.ts"
import { defaultLocale, type Locale } from "./Locale.ts"
import type { MessageParams } from "./MessageParams.ts"

/** An English catalogue: message keys to ICU texts, as literal types (`as const`). */
export type MessageTexts = { readonly [key: string]: string }

/**
 * A catalogue set: English, the reference, and the other languages, each with every English key.
 * Only English is required, so a face may hand over just the language it loaded.
 */
export type Catalogues<M extends MessageTexts> =
  & { readonly en: M }
  & { readonly [L in Exclude<Locale, "en">]?: Words<M> }

/** The core's own messages: outcomes, advice and the product's terms. */
export type CoreMessages = typeof en

/** A language's texts for every key of an English catalogue. */
export type Words<M extends MessageTexts> = { readonly [K in keyof M]: string }

/** The core's messages in English, the reference and the fallback. */
export const coreEnglish: CoreMessages = en

/**
 * A catalogue's languages other than English, each loaded on first use: a module of its own (a chunk
 * of its own in a bundle), imported by a literal path that bundlers can follow.
 */
export type OtherLanguages<W> = { readonly [L in Exclude<Locale, "en">]: () => Promise<W> }

/** The core's messages in the other languages. */
export const coreWords: OtherLanguages<Words<CoreMessages>> = {
  ja: () => import("./ja.ts").then((module) => module.ja),
  ko: () => import("./ko.ts").then((module) => module.ko),
  "zh-TW": () => import("./zh-TW.ts").then((module) => module.zhTW),
  ru: () => import("./ru.ts").then((module) => module.ru),
  hu: () => import("./hu.ts").then((module) => module.hu)
}

export type MessageKey<M extends MessageTexts = CoreMessages> = keyof M & string

export type Params<K extends keyof M, M extends MessageTexts = CoreMessages> = MessageParams<M[K]>

/** `t("key")` when the message takes no values, `t("key", { … })` when it does. */
export type ParamsArgument<K extends keyof M, M extends MessageTexts = CoreMessages> = {} extends Params<K, M> ? [params?: Params<K, M>]
  : [params: Params<K, M>]

export interface Translator<M extends MessageTexts = CoreMessages> {
  readonly locale: Locale
  /** The time zone dates are shown in (IANA name); UTC unless one was given. */
  readonly timeZone: string
  t<K extends MessageKey<M>>(key: K, ...params: ParamsArgument<K, M>): string
  /** A date and time, e.g. `2026/12/01 14:05` in Japanese, in the translator's time zone. */
  dateTime(epochMillis: number): string
  /** `a, b and c` in the language's own words. */
  list(items: ReadonlyArray<string>): string
  /** 0.4 → `40%` (`40 %` in Hungarian and Russian). */
  percent(fraction: number): string
  /** A length of time in whole units, e.g. `1 hr 30 min`; below a second, `0 sec`. */
  duration(millis: number): string
}

// intl-messageformat asks Intl.NumberFormat which of the requested locales it supports, which loads
// ICU's number data (~30 ms, a tenth of a CLI run) even for a message without a number. Ours are
// our own catalogue's locales, which every full-ICU runtime (Node, Deno) supports.
IntlMessageFormat.resolveLocale = (requested) => new Intl.Locale(typeof requested === "string" ? requested : requested[0] ?? "en")

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

/**
 * The translator of a catalogue set. Each message is compiled once per locale and key. `ignoreTag`:
 * catalogue texts hold Slack's and the terminal's angle brackets (`<publisherId>`), which are text,
 * not markup. A language missing from the set speaks English.
 */
export const makeTranslator = <M extends MessageTexts>(catalogues: Catalogues<M>) => {
  const compiled = new Map<string, IntlMessageFormat>()
  const format = (locale: Locale, key: MessageKey<M>): IntlMessageFormat => {
    const id = `${locale}\u0000${key}`
    let message = compiled.get(id)
    if (message === undefined) {
      const text = (catalogues as { readonly [L in Locale]?: Words<M> })[locale]?.[key] ?? (catalogues.en[key] as string)
      message = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true })
      compiled.set(id, message)
    }
    return message
  }
  return (locale: Locale = defaultLocale, options: { readonly timeZone?: string | undefined } = {}): Translator<M> =>
    translatorIn(locale, validTimeZone(options.timeZone), format)
}

/** One language's translator over a catalogue set's compiled messages. */
const translatorIn = <M extends MessageTexts>(
  locale: Locale,
  timeZone: string,
  format: (locale: Locale, key: MessageKey<M>) => IntlMessageFormat
): Translator<M> => {
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

/** The core's messages in English: what the core says where no reader's language is given. */
export const englishCoreTranslator: Translator = makeTranslator({ en })("en")
