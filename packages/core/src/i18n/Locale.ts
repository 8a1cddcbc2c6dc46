/**
 * The languages offerops speaks and how a request for one is met: BCP 47 tags (`ja-JP`,
 * `zh-Hant-TW`), POSIX locale names (`ja_JP.UTF-8`, `C`) and Slack's locales (`ko-KR`) all
 * negotiate to one of them, and anything else to English.
 */

export const locales = ["en", "ja", "ko", "zh-TW", "ru", "hu"] as const

export type Locale = typeof locales[number]

export const defaultLocale: Locale = "en"

/** A POSIX name (`ja_JP.UTF-8@euro`) as a BCP 47 tag (`ja-JP`); `C` and `POSIX` have no language. */
const asTag = (name: string): string | undefined => {
  const bare = name.trim().replace(/[.@].*$/, "").replace(/_/g, "-")
  return bare === "" || bare === "C" || bare === "POSIX" ? undefined : bare
}

/** Chinese is Traditional here when the tag says Hant, or names a region that writes it. */
const traditionalChinese = (tag: Intl.Locale): boolean =>
  tag.script === "Hant" || (tag.script === undefined && (tag.region === "TW" || tag.region === "HK" || tag.region === "MO"))

const match = (name: string): Locale | undefined => {
  const tagText = asTag(name)
  if (tagText === undefined) return undefined
  let tag: Intl.Locale
  try {
    tag = new Intl.Locale(tagText)
  } catch {
    return undefined
  }
  switch (tag.language) {
    case "en":
    case "ja":
    case "ko":
    case "ru":
    case "hu":
      return tag.language
    // Simplified Chinese readers get English rather than the Traditional script they did not ask for.
    case "zh":
      return traditionalChinese(tag) ? "zh-TW" : undefined
    default:
      return undefined
  }
}

/** The first of the requested names offerops speaks, else English. */
export const negotiateLocale = (requested: string | ReadonlyArray<string | undefined> | undefined): Locale => {
  const names = typeof requested === "string" ? [requested] : requested ?? []
  for (const name of names) {
    const found = name === undefined ? undefined : match(name)
    if (found !== undefined) return found
  }
  return defaultLocale
}

/**
 * The locale of a POSIX environment for messages: the first set of `LC_ALL`, `LC_MESSAGES` and
 * `LANG`, as setlocale(3) reads them. `C`/`POSIX` there means English, not "try the next one".
 */
export const posixLocale = (env: Readonly<Record<string, string | undefined>>): Locale => {
  const set = ["LC_ALL", "LC_MESSAGES", "LANG"].map((name) => env[name]).find((value) => value !== undefined && value !== "")
  return negotiateLocale(set)
}
