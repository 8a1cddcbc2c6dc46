/**
 * Every language of the core's catalogue at once, for a process that answers readers of any
 * language (the bot) and for the catalogue's checks. A one-shot run loads only its reader's
 * language instead (`coreWords` in Translator.ts).
 */
import { en } from "./en.ts"
import { hu } from "./hu.ts"
import { ja } from "./ja.ts"
import { ko } from "./ko.ts"
import type { Locale } from "./Locale.ts"
import { ru } from "./ru.ts"
import { type Catalogues, type CoreMessages, makeTranslator, type MessageTexts } from "./Translator.ts"
import { zhTW } from "./zh-TW.ts"

export const coreCatalogues = { en, ja, ko, "zh-TW": zhTW, ru, hu } satisfies Catalogues<CoreMessages>

/**
 * A face's catalogue set over the core's: per language it has, the core's messages with the face's
 * own merged over them, so one translator speaks both.
 */
export const overCore = <F extends MessageTexts>(face: Catalogues<F>): Catalogues<CoreMessages & F> =>
  Object.fromEntries(
    Object.entries(face).map(([locale, words]) => [locale, { ...coreCatalogues[locale as Locale], ...words }])
  ) as unknown as Catalogues<CoreMessages & F>

/** The core's translator in every language: its own messages and terms only. */
export const translator = makeTranslator(coreCatalogues)
