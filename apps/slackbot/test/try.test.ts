/**
 * `pnpm slackbot:try` as a person uses it: type the command, see the confirmation with numbered
 * buttons (each message numbers its own), press one, answer Slack's dialog, and see the outcome
 * posted in the channel; a wrong key says in one line which keys work.
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect, it } from "vitest"

const bin = fileURLToPath(new URL("../bin/try.js", import.meta.url))

it("cancels the demo publish from the terminal, showing what Slack would show; a wrong key gets one line", async () => {
  const child = spawn(process.execPath, [bin], { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"] })
  let output = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve))
  /** Waits until the output after `from` matches, and returns where the match ends. */
  const seen = async (pattern: RegExp, from = 0, ms = 120_000) => {
    const deadline = Date.now() + ms
    for (;;) {
      const match = pattern.exec(output.slice(from))
      if (match !== null) return from + match.index + match[0].length
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms in:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  try {
    let at = await seen(/are running\./)
    child.stdin.write("/cancel-offer contoso/contoso-vm\n")
    at = await seen(/── only visible to you ──\n\s+⚠️ Cancel the publish running on contoso\/contoso-vm\?[\s\S]*\[1 Cancel the operation\]\s+\[2 Dismiss\]/, at)
    // A second confirmation numbers its buttons from 1 again, as the README shows them.
    child.stdin.write("/cancel-offer contoso/contoso-vm\n")
    at = await seen(/── only visible to you ──\n\s+⚠️ Cancel the publish running on contoso\/contoso-vm\?[\s\S]*\[1 Cancel the operation\]\s+\[2 Dismiss\]/, at)
    child.stdin.write("3\n")
    at = await seen(/\nNo button 3: press 1 = Cancel the operation, 2 = Dismiss\.(?=\n)/, at)
    child.stdin.write("n\n")
    at = await seen(/\nNot understood: "n"\. Type \/cancel-offer <publisherId>\/<offerId> \(or status …, help\), a button's number \(1 = Cancel the operation, 2 = Dismiss\), publish …, help or quit\.(?=\n)/, at)
    expect(output.slice(at - 400, at)).not.toContain("Type as in Slack")
    child.stdin.write("1\n")
    at = await seen(/Cancel this operation\?\n.*stops and cannot be resumed\.\n\s+y = Yes, cancel it, n = Keep it running/, at)
    child.stdin.write("x\n")
    at = await seen(/\nType y \(Yes, cancel it\) or n \(Keep it running\)\.(?=\n)/, at)
    child.stdin.write("y\n")
    await seen(/── #ops · offerops[^\n]*──\n\s+🛑 @U0LOCAL .*[Cc]ancelled .*publish .*contoso\/contoso-vm/, at)
    expect(output).not.toMatch(/\n\s+at /)
    child.stdin.end("quit\n")
    expect(await closed).toBe(0)
  } finally {
    child.kill("SIGKILL")
  }
}, 480_000)
