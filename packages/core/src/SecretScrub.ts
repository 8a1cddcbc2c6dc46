/**
 * Removes secrets from text a server sent before anyone can print it: an error body may echo our
 * `Authorization` header, an identity provider may echo a form-encoded client secret.
 */
import { Redacted } from "effect"

const redactedMark = "<redacted>"

// Below this length a "secret" would match ordinary text; real tokens and secrets are far longer.
const minLength = 4

/** Every spelling of the secret a server could echo: raw, percent-encoded, form-encoded, JSON-escaped. */
const spell = (secret: string): ReadonlyArray<string> => {
  const encoded = [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]
  const lowerHex = encoded.map((text) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()))
  const forms = [secret, ...encoded, ...lowerHex, JSON.stringify(secret).slice(1, -1)]
  // Longest first, so a spelling that contains another is removed whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length)
}

// Every response is scrubbed (its body and each header) with the same token: spell it out once.
let last: { readonly secret: string; readonly spellings: ReadonlyArray<string> } | undefined
const spellings = (secret: string): ReadonlyArray<string> => {
  if (last?.secret !== secret) last = { secret, spellings: spell(secret) }
  return last.spellings
}

/** The text with every spelling of every secret replaced by `<redacted>`. */
export const scrubSecrets = (
  text: string,
  secrets: ReadonlyArray<Redacted.Redacted<string> | undefined>
): string => {
  let scrubbed = text
  for (const secret of secrets) {
    const value = secret === undefined ? "" : Redacted.value(secret)
    if (value.length < minLength) continue
    for (const spelling of spellings(value)) scrubbed = scrubbed.split(spelling).join(redactedMark)
  }
  return scrubbed
}
