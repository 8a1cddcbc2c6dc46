/**
 * The language of text output and prompts: `--lang` if given, else the POSIX locale (`LC_ALL`,
 * `LC_MESSAGES`, `LANG`; `C`/`POSIX` mean English). Read from argv like `--output`, because a parse
 * error is reported in it too. JSON output never depends on it.
 */
import { type Locale, locales, negotiateLocale, posixLocale } from "@offerops/core"
import { Flag } from "effect/cli"
import { flagValues } from "./EarlyFlags.ts"

export const localeOf = (argv: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>): Locale => {
  const given = flagValues(argv, "lang").at(-1)
  return given === undefined ? posixLocale(env) : negotiateLocale(given)
}

// Declared so it is validated and listed in --help; the entry point applies it from argv.
export const langFlag = Flag.String("lang").pipe(
  Flag.withMetavar("language"),
  Flag.withDescription(`Language of text output: ${locales.join(", ")} (default: from LC_ALL, LC_MESSAGES or LANG, else en)`),
  Flag.optional
)
