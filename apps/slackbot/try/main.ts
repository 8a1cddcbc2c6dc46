/**
 * `pnpm slackbot:try`: the bot, tried in a terminal without a Slack workspace. Starts the CPP
 * emulator (its demo world, time running at a minute per second), the bot as in production (Bolt's
 * HTTP receiver, signature checks, the real listeners) and a local stand-in for Slack; then reads
 * what you type: `/cancel-offer …` as in Slack, a button's number to press it (each message numbers
 * its own; a number presses one of the newest message's), and prints what Slack would show. Nothing leaves 127.0.0.1.
 */
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { LogLevel } from "@slack/bolt"
import { Duration } from "effect"
import { startEmulator } from "../../../packages/emulator/src/index.ts"
import { type RunningBot, startBot } from "../src/main.ts"
import { plainStyle, render, terminalStyle } from "./Render.ts"
import { startSlackStandIn } from "./SlackStandIn.ts"

const person = { userId: "U0LOCAL", channelId: "C0LOCAL" }
const channelName = "#ops"
const style = process.stdout.isTTY && !process.env["NO_COLOR"] ? terminalStyle : plainStyle

const help = `Type as in Slack, then Enter:
  /cancel-offer contoso/contoso-vm      what runs, with buttons to cancel it (also: status …, help)
  1, 2, …                               press that button of the newest message with buttons
  publish contoso/contoso-vm            start another publish on the emulator (or: golive …)
  help, quit (or Ctrl-D)
You are ${person.userId} in ${channelName}; the policy lets you cancel on every publisher.`

const emulator = await startEmulator({ demo: true, timeScale: 60 })
const scratchDir = mkdtempSync(join(tmpdir(), "offerops-try-"))
const policyFile = join(scratchDir, "policy.json")
writeFileSync(policyFile, JSON.stringify({ allow: [{ users: [person.userId], publishers: ["*"] }] }))
const signingSecret = randomBytes(16).toString("hex")

const input = createInterface({ input: process.stdin, output: process.stdout, prompt: style.bold("you> ") })
// A prompt only on a terminal: piped input (a script, a test) gets the output alone.
const prompt = () => {
  if (process.stdin.isTTY) input.prompt(true)
}
const say = (text: string) => {
  process.stdout.write(`${text}\n`)
  prompt()
}

// One line at a time, in order (a click must not overtake the command before it), from the start:
// lines typed (or piped) while the bot starts wait for it.
let started!: () => void
let queue = new Promise<void>((resolve) => (started = resolve))
input.on("line", (line) => {
  queue = queue.then(() => answer(line)).catch((error: unknown) => say(`error: ${String(error)}`))
})
input.on("close", () => void queue.then(() => stop()))
process.once("SIGINT", () => void stop())
process.once("SIGTERM", () => void stop())

let bot: RunningBot | undefined
const slack = await startSlackStandIn({
  signingSecret,
  events: () => `${bot?.url}/slack/events`,
  person,
  onShow: (shown) => say(`\n${render(shown, channelName, style)}`)
})

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  input.close()
  await bot?.stop()
  await Promise.all([slack.close(), emulator.close()])
  rmSync(scratchDir, { recursive: true, force: true })
  process.exit(0)
}

try {
  bot = await startBot({
    env: {
      SLACK_SIGNING_SECRET: signingSecret,
      // Any text: the stand-in checks no token. Without the xoxb- prefix, no scanner takes it for a real one.
      SLACK_BOT_TOKEN: "local-stand-in-bot-token",
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      OFFEROPS_POLICY_FILE: policyFile,
      // Its own database, gone with the rest when it stops.
      DATABASE_URL: `file:${join(scratchDir, "slackbot.sqlite")}`,
      CPP_BASE_URL: emulator.url,
      CPP_TOKEN: emulator.issueToken({ ttlSeconds: 365 * 86_400 })
    },
    host: "127.0.0.1",
    // Polls a second apart, so a cancel ends within seconds.
    cpp: { pollInitial: Duration.seconds(1), pollMax: Duration.seconds(2) },
    auditWrite: (line) => say(style.dim(`audit ${line}`)),
    logLevel: LogLevel.ERROR
  })
} catch (error) {
  console.error(`slackbot:try: the bot did not start: ${error instanceof Error ? error.message : String(error)}`)
  await stop()
}

/** The dialog of the button being pressed, waiting for y/n. */
let confirming: number | undefined

/** `1 = Cancel the operation, 2 = Dismiss`: what a number presses now. */
const buttonKeys = () => slack.buttons().map((button) => `${button.number} = ${button.label}`).join(", ")

/** What may be typed now, in one line: a wrong key gets this rather than the whole help again. */
const keysThatWork = () => {
  const keys = buttonKeys()
  return `Type /cancel-offer <publisherId>/<offerId> (or status …, help)${keys === "" ? "" : `, a button's number (${keys})`}, publish …, help or quit.`
}

const answer = async (line: string) => {
  const text = line.trim()
  if (confirming !== undefined) {
    const number = confirming
    const dialog = slack.button(number)?.confirm
    if (/^y(es)?$/i.test(text)) {
      confirming = undefined
      return void (await slack.press(number))
    }
    if (/^no?$/i.test(text) || dialog === undefined) {
      confirming = undefined
      return say("Not pressed.")
    }
    return say(`Type y (${dialog.confirm.text}) or n (${dialog.deny.text}).`)
  }
  const publish = /^(publish|golive)\s+([^/\s]+)\/(\S+)$/.exec(text)
  if (text === "") return prompt()
  if (text === "quit" || text === "exit") return stop()
  if (text === "help") return say(help)
  if (text.startsWith("/cancel-offer")) {
    if (!(await slack.command(text.slice("/cancel-offer".length).trim()))) say("The bot refused the command (see above).")
    return prompt()
  }
  if (/^\d+$/.test(text)) {
    const button = slack.button(Number(text))
    if (button === undefined) {
      const keys = buttonKeys()
      return say(keys === "" ? `No button ${text}: no message shows buttons now. ${keysThatWork()}` : `No button ${text}: press ${keys}.`)
    }
    if (button.confirm === undefined) return void (await slack.press(button.number))
    confirming = button.number
    const dialog = button.confirm
    return say(`${style.bold(dialog.title.text)}\n  ${dialog.text.text.replace(/\*/g, "")}\n  y = ${dialog.confirm.text}, n = ${dialog.deny.text}`)
  }
  if (publish !== null) {
    try {
      const started = emulator.startOperation(publish[2]!, publish[3]!, publish[1] as "publish" | "golive")
      return say(`The emulator started ${publish[1]} ${started.id} on ${publish[2]}/${publish[3]}.`)
    } catch (error) {
      return say(`The emulator refused: ${(error as Error).message}`)
    }
  }
  say(`Not understood: ${JSON.stringify(text.slice(0, 40))}. ${keysThatWork()}`)
}


console.log(`A local Slack stand-in, the offerops bot (${bot?.url}) and an emulated Cloud Partner Portal (${emulator.url}) are running.\n${help}`)
prompt()
started()
