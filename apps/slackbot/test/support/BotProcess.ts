/** Starts `bot-process.ts` as a child process and reads its stdout (the ready line, audit lines). */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { eventually } from "./eventually.ts"

export interface BotProcess {
  readonly url: string
  readonly child: ChildProcess
  /** Every JSON line printed so far with `audit: true`. */
  readonly audit: Array<Record<string, unknown>>
  readonly stderr: Array<string>
  /** Everything printed on stdout, with when it arrived (performance.now()). */
  readonly stdout: Array<{ readonly at: number; readonly text: string }>
  readonly exited: Promise<number | null>
  kill(signal: NodeJS.Signals): Promise<number | null>
}

const entry = fileURLToPath(new URL("./bot-process.ts", import.meta.url))

export const startBotProcess = async (
  env: Record<string, string>,
  /** Another program to start (e.g. the installed bin) with `env` alone, not this process's environment over it. */
  command?: { readonly file: string; readonly args?: ReadonlyArray<string> }
): Promise<BotProcess> => {
  const child = command === undefined
    ? spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(command.file, command.args ?? [], { env, stdio: ["ignore", "pipe", "pipe"] })
  const audit: Array<Record<string, unknown>> = []
  const stderr: Array<string> = []
  const stdout: Array<{ readonly at: number; readonly text: string }> = []
  let url: string | undefined
  let buffered = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout.push({ at: performance.now(), text: chunk })
    buffered += chunk
    const lines = buffered.split("\n")
    buffered = lines.pop() ?? ""
    for (const line of lines) {
      if (!line.startsWith("{")) continue
      const parsed = JSON.parse(line) as Record<string, unknown>
      if (parsed.audit === true) audit.push(parsed)
      else if (parsed.msg === "offerops-slackbot ready") url = String(parsed.url)
    }
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => void stderr.push(chunk))
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  let gone = false
  void exited.then(() => (gone = true))
  await eventually(() => url !== undefined || gone, 60_000)
  if (url === undefined) throw new Error(`the bot did not start: ${stderr.join("")}`)
  return {
    url,
    child,
    audit,
    stderr,
    stdout,
    exited,
    kill: (signal) => {
      child.kill(signal)
      return exited
    }
  }
}
