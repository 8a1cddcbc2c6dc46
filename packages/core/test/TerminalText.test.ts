/** What a terminal would act on, made visible; what JSON must keep, kept. */
import { assert, describe, it } from "@effect/vitest"
import { escapeControls, escapeJsonControls } from "../src/TerminalText.ts"

const hostile = [
  "\x1b]0;pwned\x07", // set the window title
  "\x1b[2J\x1b[H", // clear the screen
  "\x1b]52;c;ZWNobyBwd25lZA==\x07", // write the clipboard
  "\x1b]8;;https://evil.test\x1b\\click\x1b]8;;\x1b\\", // a forged link
  "\x9b31m", // an 8-bit CSI
  "ok\rforged", // overwrite the line
  "\u202eevil" // reorder what is read
]

describe("escapeControls", () => {
  it("leaves no control character a terminal would act on, but keeps tabs and newlines", () => {
    for (const text of hostile) {
      const safe = escapeControls(text)
      assert.notMatch(safe, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/, JSON.stringify(safe))
    }
    assert.strictEqual(escapeControls("a\tb\nc"), "a\tb\nc")
    assert.strictEqual(escapeControls("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07")
    assert.strictEqual(escapeControls("\u202eevil"), "\\u202eevil")
  })

  it("changes nothing in ordinary text, accents and emoji included", () => {
    const text = "publish 4b1e-é 🚀 running · step 2/6 Certification 40%"
    assert.strictEqual(escapeControls(text), text)
  })
})

describe("escapeJsonControls", () => {
  it("writes C1 and bidi characters as \\u escapes: the same JSON value, inert on a screen", () => {
    const value = { id: "\x9b2J\u202e", status: "\x1b]0;t\x07" }
    const json = escapeJsonControls(JSON.stringify(value))
    assert.notMatch(json, /[\x00-\x1f\x7f-\x9f\u202e]/)
    assert.deepStrictEqual(JSON.parse(json), value)
  })
})
