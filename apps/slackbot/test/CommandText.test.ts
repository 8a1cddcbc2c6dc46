import { assert, describe, it } from "@effect/vitest"
import { maxCommandText, parseCommandText } from "../src/CommandText.ts"

describe("parseCommandText", () => {
  it("reads help, status and cancel", () => {
    assert.deepStrictEqual(parseCommandText(""), { _tag: "Help" })
    assert.deepStrictEqual(parseCommandText("  HELP "), { _tag: "Help" })
    assert.deepStrictEqual(parseCommandText("status contoso/vm"), { _tag: "Status", offer: "contoso/vm" })
    assert.deepStrictEqual(parseCommandText("History contoso/vm"), { _tag: "History", offer: "contoso/vm" })
    assert.deepStrictEqual(parseCommandText("contoso/vm"), { _tag: "Cancel", offer: "contoso/vm", emails: undefined })
    assert.deepStrictEqual(parseCommandText("contoso/vm a@x.com, b@y.com"), { _tag: "Cancel", offer: "contoso/vm", emails: "a@x.com,b@y.com" })
  })

  it("reads watch, unwatch and watching (#22)", () => {
    assert.deepStrictEqual(parseCommandText("watch contoso/vm"), { _tag: "Watch", offer: "contoso/vm" })
    assert.deepStrictEqual(parseCommandText("UNWATCH contoso/vm"), { _tag: "Unwatch", offer: "contoso/vm" })
    assert.deepStrictEqual(parseCommandText("watching"), { _tag: "Watching" })
    for (const [text, reason] of [["watch", "takes one offer"], ["unwatch a/b c/d", "takes one offer"], ["watching a/b", "no arguments"]] as const) {
      const command = parseCommandText(text)
      assert.include(command._tag === "Help" ? command.problem ?? "" : "", reason)
    }
  })

  it("unwraps the links Slack makes of emails", () => {
    assert.deepStrictEqual(parseCommandText("contoso/vm <mailto:a@x.com|a@x.com>,<mailto:b@y.com|b@y.com>"), {
      _tag: "Cancel",
      offer: "contoso/vm",
      emails: "a@x.com,b@y.com"
    })
  })

  it("turns anything else into usage with the reason", () => {
    const problems = [
      ["status", "needs an offer"],
      ["status a/b c/d", "only an offer"],
      ["history", "needs an offer"],
      ["help me", "no arguments"],
      ["drop table offers", "expected"],
      ["x".repeat(maxCommandText + 1), "longer than"]
    ] as const
    for (const [text, reason] of problems) {
      const command = parseCommandText(text)
      assert.strictEqual(command._tag, "Help", text.slice(0, 20))
      assert.include(command._tag === "Help" ? command.problem ?? "" : "", reason)
    }
  })

  it("drops control and invisible formatting characters", () => {
    assert.deepStrictEqual(parseCommandText("status\u0000contoso/vm\u202e"), { _tag: "Status", offer: "contoso/vm" })
  })
})
