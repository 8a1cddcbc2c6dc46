/**
 * The `$filter` the ingestion API documents: `eq` comparisons joined by `and` / `or`, on a
 * property (`ResourceType eq 'AzureApplication'`, `State eq 'InProgress'`) or inside a lambda on a
 * collection (`ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq 'contoso-app')`).
 * Property names match in any case, as clients write `ExternalIDs`/`externalIDs` and `Type`/`type`;
 * values match exactly, except enumeration-like ones (types, states), which ignore case [?].
 * Anything else is a 400, as an OData service refuses a filter it cannot parse.
 */

/** What a filter can read of an item: properties and collections by lower-case name. */
export interface Filterable {
  readonly property: (name: string) => string | undefined
  readonly collection: (name: string) => ReadonlyArray<Readonly<Record<string, string>>> | undefined
}

export type Filter = (item: Filterable) => boolean

export type Parsed = { readonly filter: Filter } | { readonly error: string }

/** What a call lets its filter name, in lower case. */
export interface Filterables {
  readonly properties: ReadonlyArray<string>
  readonly collections: ReadonlyArray<string>
}

const literal = `'((?:[^']|'')*)'`
const comparison = new RegExp(`^(\\w+)\\s+eq\\s+${literal}$`, "i")
const lambda = /^(\w+)\/any\(\s*(\w+)\s*:\s*(.+)\)$/is
const memberComparison = new RegExp(`^(\\w+)/(\\w+)\\s+eq\\s+${literal}$`, "i")

/** Splits on ` and ` / ` or ` outside quotes and parentheses, in one pass (a hostile filter stays cheap). */
const splitTop = (text: string, word: "and" | "or"): ReadonlyArray<string> => {
  const parts: Array<string> = []
  let depth = 0
  let quoted = false
  let start = 0
  const separator = new RegExp(`\\s+${word}\\s+`, "iy")
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === "'") quoted = !quoted
    else if (!quoted && char === "(") depth++
    else if (!quoted && char === ")") depth--
    else if (!quoted && depth === 0 && /\s/.test(char!) && !/\s/.test(text[i - 1] ?? "")) {
      separator.lastIndex = i
      const found = separator.exec(text)
      if (found !== null) {
        parts.push(text.slice(start, i))
        i += found[0].length - 1
        start = i + 1
      }
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim())
}

/** Whether the opening parenthesis at 0 closes at the very end, e.g. `(a eq 'x')` but not `(a) or (b)`. */
const wrappedWhole = (text: string): boolean => {
  if (!text.startsWith("(") || !text.endsWith(")")) return false
  let depth = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === "'") quoted = !quoted
    else if (!quoted && char === "(") depth++
    else if (!quoted && char === ")" && --depth === 0) return i === text.length - 1
  }
  return false
}

const unwrap = (term: string): string => {
  const trimmed = term.trim()
  return wrappedWhole(trimmed) ? unwrap(trimmed.slice(1, -1)) : trimmed
}

const unquote = (value: string): string => value.replace(/''/g, "'")

const sameValue = (name: string, actual: string | undefined, wanted: string): boolean =>
  actual !== undefined && (name === "value" ? actual === wanted : actual.toLowerCase() === wanted.toLowerCase())

/** How deep parentheses may nest: far more than any client writes, few enough to bound the work. */
const maxNesting = 8

const parseTerm = (term: string, allowed: Filterables, nesting: number): Filter | string => {
  const text = term.trim()
  if (wrappedWhole(text)) {
    if (nesting >= maxNesting) return `parentheses nest deeper than ${maxNesting}`
    const inner = parseFilter(text.slice(1, -1), allowed, nesting + 1)
    return "error" in inner ? inner.error : inner.filter
  }
  const compared = comparison.exec(text)
  if (compared !== null) {
    const name = compared[1]!.toLowerCase()
    if (!allowed.properties.includes(name)) return `cannot filter by '${compared[1]}'`
    const wanted = unquote(compared[2]!)
    return (item) => sameValue(name, item.property(name), wanted)
  }
  const any = lambda.exec(text)
  if (any !== null) {
    const collection = any[1]!.toLowerCase()
    if (!allowed.collections.includes(collection)) return `cannot filter by '${any[1]}'`
    const variable = any[2]!
    const members = splitTop(any[3]!, "and").map((part) => memberComparison.exec(unwrap(part)))
    if (members.some((m) => m === null || m[1] !== variable)) return `cannot read the lambda in '${text}'`
    const tests = members.map((m) => ({ name: m![2]!.toLowerCase(), wanted: unquote(m![3]!) }))
    return (item) =>
      (item.collection(collection) ?? []).some((entry) => {
        const lower = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k.toLowerCase(), v]))
        return tests.every((t) => sameValue(t.name, lower[t.name], t.wanted))
      })
  }
  return `cannot read '${text}'; only 'eq' comparisons and Any() lambdas joined by 'and' / 'or' are supported`
}

/** The filter, or why it cannot be served. `and` binds tighter than `or`, as in OData. */
export const parseFilter = (text: string, allowed: Filterables, nesting = 0): Parsed => {
  if (text.trim() === "") return { error: "the filter is empty" }
  const alternatives: Array<ReadonlyArray<Filter>> = []
  for (const alternative of splitTop(text.trim(), "or")) {
    const terms: Array<Filter> = []
    for (const term of splitTop(alternative, "and")) {
      const parsed = parseTerm(term, allowed, nesting)
      if (typeof parsed === "string") return { error: parsed }
      terms.push(parsed)
    }
    alternatives.push(terms)
  }
  return { filter: (item) => alternatives.some((terms) => terms.every((test) => test(item))) }
}
