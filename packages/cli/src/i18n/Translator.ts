/**
 * The CLI's translator: per language, the core's catalogue (outcomes, advice, terms) with the CLI's own
 * words (text output, prompts and advice lines) merged over it. Keys are checked where `t` is called, as in the core.
 *
 * A run loads its reader's language only: English is here, each other language is a module (a chunk
 * of the bundle) imported when asked for. Catalogues.ts holds all six at once, for the checks.
 */
import {
  coreEnglish,
  type CoreMessages,
  coreWords,
  type Locale,
  makeTranslator,
  type OtherLanguages,
  type Translator as TranslatorOf,
  type Words
} from "@offerops/core"
import { en } from "./en.ts"

export type CliMessages = CoreMessages & typeof en

export type Translator = TranslatorOf<CliMessages>

const english: CliMessages = { ...coreEnglish, ...en }

const cliWords: OtherLanguages<Words<typeof en>> = {
  ja: () => import("./ja.ts").then((module) => module.ja),
  ko: () => import("./ko.ts").then((module) => module.ko),
  "zh-TW": () => import("./zh-TW.ts").then((module) => module.zhTW),
  ru: () => import("./ru.ts").then((module) => module.ru),
  hu: () => import("./hu.ts").then((module) => module.hu)
}

/** The CLI in English, the language of a reader who asks for none. */
export const englishTranslator: Translator = makeTranslator({ en: english })("en")

/** The CLI in the reader's language, with English under it for any key a language lacks. */
export const loadTranslator = async (locale: Locale): Promise<Translator> => {
  if (locale === "en") return englishTranslator
  const [core, cli] = await Promise.all([coreWords[locale](), cliWords[locale]()])
  return makeTranslator<CliMessages>({ en: english, [locale]: { ...core, ...cli } })(locale)
}
