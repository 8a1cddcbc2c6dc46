/**
 * The bot's translator: per language, the core's catalogue (outcomes, advice, terms) with the bot's own
 * words (Slack messages) merged over it. Keys are checked where `t` is called, as in the core.
 */
import { makeTranslator, type Translator as TranslatorOf } from "@offerops/core"
import { overCore } from "@offerops/core/catalogues"
import { en } from "./en.ts"
import { hu } from "./hu.ts"
import { ja } from "./ja.ts"
import { ko } from "./ko.ts"
import { ru } from "./ru.ts"
import { zhTW } from "./zh-TW.ts"

export const catalogues = overCore({ en, ja, ko, "zh-TW": zhTW, ru, hu })

export type Translator = TranslatorOf<typeof catalogues.en>

export const translator = makeTranslator(catalogues)
