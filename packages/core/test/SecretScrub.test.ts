/** Every spelling of a secret a server could echo, removed. */
import { assert, describe, it } from "@effect/vitest"
import { Redacted } from "effect"
import { scrubSecrets } from "../src/SecretScrub.ts"

const secret = Redacted.make("Ab1~c.d_e+f/g=h[i]")

describe("scrubSecrets", () => {
  it("removes the secret raw, percent-encoded (either hex case), form-encoded and JSON-escaped", () => {
    const raw = Redacted.value(secret)
    const spellings = [
      raw,
      encodeURIComponent(raw),
      encodeURIComponent(raw).toLowerCase().replace(/^ab1/, "Ab1"),
      new URLSearchParams({ client_secret: raw }).toString().slice("client_secret=".length),
      JSON.stringify(raw).slice(1, -1)
    ]
    for (const spelling of spellings) {
      const text = scrubSecrets(`AADSTS7000215: invalid secret ${spelling} provided`, [secret])
      assert.strictEqual(text, "AADSTS7000215: invalid secret <redacted> provided", spelling)
    }
  })

  it("leaves text without a secret alone, and ignores absent or tiny secrets", () => {
    assert.strictEqual(scrubSecrets("nothing here", [secret, undefined]), "nothing here")
    assert.strictEqual(scrubSecrets("a b c", [Redacted.make("a")]), "a b c")
  })
})
