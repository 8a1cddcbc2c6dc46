/**
 * The CLI's one writer on a (pretend) terminal: our own colours and redraw pass, anything a terminal
 * would act on inside service text is shown escaped, and JSON keeps its exact value.
 */
import { Operation, type Progress } from "@offerops/core"
import { Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { Output } from "../src/Output.ts"

const terminal = () => {
  const writes: Array<string> = []
  return { writes, stream: { isTTY: true, write: (text: string) => writes.push(text) } }
}

describe("the CLI's writer", () => {
  it("keeps its own colours and escapes the service's sequences", () => {
    const out = terminal()
    const output = Output.make("text", { stdout: out.stream, stderr: out.stream, env: {} })
    Effect.runSync(output.say(`${output.paint.red("Failed\x1b]0;pwned\x07")} \x1b[2J\x9b31m`))
    expect(out.writes.join("")).toBe("\x1b[31mFailed\\x1b]0;pwned\\x07\x1b[39m \\x1b[2J\\x9b31m\n")
  })

  it("redraws the live view in place, but a service string cannot move the cursor", () => {
    const out = terminal()
    const output = Output.make("text", { stdout: out.stream, stderr: out.stream, env: {} })
    const snapshots = [new Operation({ id: "a\x1b[5A\x1b[0J", status: "running" }), new Operation({ id: "b", status: "completed" })]
    const progress = snapshots.map((operation): Progress => ({ operation, location: "/api/x", resumeToken: "token", subject: "operation" }))
    Effect.runSync(output.follow(Stream.fromIterable(progress), "token", Stream.runDrain))
    expect(out.writes).toContain("\x1b[1A\x1b[0J")
    expect(out.writes.join("")).toContain("a\\x1b[5A\\x1b[0J")
    expect(out.writes.join("")).not.toContain("\x1b[5A")
  })

  it("writes JSON with C1 and bidi characters as \\u escapes, the value unchanged", () => {
    const out = terminal()
    const output = Output.make("json", { stdout: out.stream, stderr: terminal().stream, env: {} })
    const value = { id: "\x9b2J\u202eevil", status: "\x1b]0;t\x07" }
    Effect.runSync(output.result(value, []))
    const written = out.writes.join("")
    expect(written).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/)
    expect(JSON.parse(written)).toEqual(value)
  })
})
