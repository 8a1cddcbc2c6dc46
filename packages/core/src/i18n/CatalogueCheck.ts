/**
 * The quality gates every catalogue set passes (the core's and each face's, in their tests): every
 * language has every English key and no other, each translation takes exactly the arguments English
 * takes (same names and kinds, read with the library's own parser), every plural names every
 * category its language has, every select has `other`, and every message formats with sample values.
 * And the gate against dead words: every key is used by the source that owns the catalogue.
 */
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser"
import { locales } from "./Locale.ts"
import { type Catalogues, type MessageTexts, makeTranslator } from "./Translator.ts"

type ArgumentKind = "value" | "number" | "date" | "time" | "select" | "plural"

interface Shape {
  readonly args: Map<string, ArgumentKind>
  readonly plurals: Array<ReadonlyArray<string>>
  readonly selects: Array<ReadonlyArray<string>>
}

const kinds: { readonly [T in TYPE]?: ArgumentKind } = {
  [TYPE.argument]: "value",
  [TYPE.number]: "number",
  [TYPE.date]: "date",
  [TYPE.time]: "time",
  [TYPE.select]: "select",
  [TYPE.plural]: "plural"
}

const shapeOf = (message: string): Shape => {
  const shape: Shape = { args: new Map(), plurals: [], selects: [] }
  const walk = (elements: ReadonlyArray<MessageFormatElement>) => {
    for (const element of elements) {
      const kind = kinds[element.type]
      if (kind !== undefined && "value" in element && typeof element.value === "string") shape.args.set(element.value, kind)
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        ;(element.type === TYPE.plural ? shape.plurals : shape.selects).push(Object.keys(element.options))
        for (const option of Object.values(element.options)) walk(option.value)
      }
    }
  }
  walk(parse(message, { ignoreTag: true }))
  return shape
}

const argumentsOf = (message: string): string =>
  JSON.stringify([...shapeOf(message).args].sort(([a], [b]) => a.localeCompare(b)))

/** Values to format a message with: a plural gets 2, a number 5, anything else its own name. */
const sampleValues = (message: string): Record<string, string | number> =>
  Object.fromEntries(
    [...shapeOf(message).args].map(([name, kind]) => [name, kind === "plural" || kind === "number" ? 2 : kind === "date" || kind === "time" ? 0 : `<${name}>`])
  )

/** What is wrong with a catalogue set, one line each (`ja bot.usage.title: …`); empty when nothing is. */
export const catalogueProblems = <M extends MessageTexts>(catalogues: Catalogues<M>): Array<string> => {
  const problems: Array<string> = []
  const english = catalogues.en
  const keys = Object.keys(english).sort()
  const translate = makeTranslator(catalogues)
  for (const locale of locales) {
    const catalogue = (catalogues as { readonly [L in typeof locale]?: MessageTexts })[locale]
    if (catalogue === undefined) {
      problems.push(`${locale}: no catalogue`)
      continue
    }
    const own = Object.keys(catalogue)
    for (const key of keys) if (!Object.hasOwn(catalogue, key)) problems.push(`${locale} ${key}: missing`)
    for (const key of own) if (!Object.hasOwn(english, key)) problems.push(`${locale} ${key}: not an English key`)
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories
    const t = translate(locale)
    for (const key of keys.filter((key) => Object.hasOwn(catalogue, key))) {
      const text = catalogue[key]!
      if (text.trim() === "") problems.push(`${locale} ${key}: empty`)
      let shape: Shape
      try {
        shape = shapeOf(text)
      } catch (error) {
        problems.push(`${locale} ${key}: not ICU MessageFormat (${String(error)})`)
        continue
      }
      if (argumentsOf(text) !== argumentsOf(english[key]!)) {
        problems.push(`${locale} ${key}: takes ${argumentsOf(text)}, English ${argumentsOf(english[key]!)}`)
      }
      for (const options of shape.plurals) {
        for (const category of categories) if (!options.includes(category)) problems.push(`${locale} ${key}: lacks plural ${category}`)
      }
      for (const options of shape.selects) if (!options.includes("other")) problems.push(`${locale} ${key}: a select lacks other`)
      try {
        const formatted = (t.t as (key: string, values: object) => string)(key, sampleValues(english[key]!))
        if (/[{}]/.test(formatted)) problems.push(`${locale} ${key}: formats as ${formatted}`)
      } catch (error) {
        problems.push(`${locale} ${key}: does not format with English's arguments (${String(error)})`)
      }
    }
  }
  return problems
}

/** A key written in the source as a template (`bot.usage.${name}`), with every key it can make. */
export type ComputedKeys = { readonly [template: string]: ReadonlyArray<string> }

/**
 * Keys of a catalogue nothing in the source uses, read from the source texts: a key counts as used
 * where it is written as a string (`"cli.table.id"`), or is one of the keys listed for a template
 * the source holds. A template key in the source that is not listed, or a listed one it no longer
 * holds or that makes a key the catalogue lacks, is a problem too: the list cannot go stale.
 */
export const unusedKeyProblems = (
  keys: ReadonlyArray<string>,
  sources: ReadonlyArray<string>,
  computed: ComputedKeys = {}
): Array<string> => {
  const prefixes = [...new Set(keys.map((key) => key.slice(0, key.indexOf(".") + 1)))]
  const used = new Set<string>()
  const templates = new Set<string>()
  for (const text of sources) {
    // Comments do not use a key, even one they quote.
    const source = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
    for (const [, key] of source.matchAll(/["'`]([A-Za-z][\w-]*(?:\.[\w-]+)+)["'`]/g)) used.add(key!)
    for (const [, template] of source.matchAll(/`([A-Za-z][\w-]*\.[^`]*\$\{[^`]*)`/g)) {
      if (prefixes.some((prefix) => template!.startsWith(prefix))) templates.add(template!)
    }
  }
  const problems: Array<string> = []
  for (const template of templates) {
    if (!Object.hasOwn(computed, template)) problems.push(`\`${template}\`: a computed key; list the keys it makes`)
  }
  for (const [template, made] of Object.entries(computed)) {
    if (!templates.has(template)) problems.push(`\`${template}\`: listed, but no longer in the source`)
    for (const key of made) {
      if (!keys.includes(key)) problems.push(`\`${template}\` makes ${key}, which the catalogue lacks`)
      else if (templates.has(template)) used.add(key)
    }
  }
  for (const key of keys) if (!used.has(key)) problems.push(`${key}: nothing uses it`)
  return problems
}
