/**
 * Every language of the CLI at once, over the core's: for the catalogue's checks and for runs in a
 * test's process. The executable loads only its reader's language (Translator.ts).
 */
import { makeTranslator } from "@offerops/core"
import { overCore } from "@offerops/core/catalogues"
import { en } from "./en.ts"
import { hu } from "./hu.ts"
import { ja } from "./ja.ts"
import { ko } from "./ko.ts"
import { ru } from "./ru.ts"
import { zhTW } from "./zh-TW.ts"

export const catalogues = overCore({ en, ja, ko, "zh-TW": zhTW, ru, hu })

export const translator = makeTranslator(catalogues)
