/**
 * Runs `offerops` against an emulator on 127.0.0.1 and reads back its exit code, stdout and stderr:
 * in this process on a TestClock (`offeropsHere`, most tests), or the built bundle as a user would,
 * a child process with its own environment (`offerops`, the smoke tests).
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { type Emulator, startEmulator } from "@offerops/emulator"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll } from "vitest"
import { type InProcessOptions, offeropsInProcess } from "./InProcess.ts"

/** How long one run may take: generous, for a loaded 2-core machine (vitest's bound is above it). */
const runTimeoutMs = 45_000

export const binPath = fileURLToPath(new URL("../bin/offerops.js", import.meta.url))

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  /** Replaces the default environment entries (CPP_BASE_URL, CPP_TOKEN); `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly timeoutMs?: number
  /** Extra node flags, before the bin. */
  readonly nodeArgs?: ReadonlyArray<string>
}

export interface TestService {
  readonly emulator: Emulator
  /** Valid for every publisher, for a year of virtual time (tests move the clock). */
  readonly token: string
  /** The environment the CLI runs with: CPP_BASE_URL and CPP_TOKEN pointing at the emulator. */
  readonly env: Record<string, string>
}

/** An emulator for the file's tests, started before them (then `seed` runs) and closed after. */
export const useEmulator = (seed: (emulator: Emulator) => void = () => {}): TestService => {
  const service = {} as { -readonly [K in keyof TestService]: TestService[K] }
  beforeAll(async () => {
    service.emulator = await startEmulator()
    service.token = service.emulator.issueToken({ ttlSeconds: 365 * 86_400 })
    service.env = baseEnv(service.emulator, service.token)
    seed(service.emulator)
  })
  afterAll(() => service.emulator.close())
  return service
}

/** Only what the CLI should see: no AZURE_* from the developer's shell, no colour settings. */
const baseEnv = (emulator: Emulator, token: string): Record<string, string> => ({
  PATH: process.env["PATH"] ?? "",
  HOME: process.env["HOME"] ?? "/tmp",
  CPP_BASE_URL: emulator.url,
  CPP_TOKEN: token
})

const collect = (
  command: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  timeoutMs: number,
  drive?: (child: ReturnType<typeof spawn>, stdout: () => string) => void
) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`offerops ${args.join(" ")} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    if (drive === undefined) child.stdin.end()
    else drive(child, () => stdout)
  })

const envOf = (defaults: Record<string, string>, overrides: RunOptions["env"] = {}) => {
  const env: Record<string, string> = { ...defaults }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/**
 * `offerops ...args` run in this test's process (see InProcess.ts) on a TestClock: what most tests
 * use. `typed` makes stdin and stdout a terminal with those lines typed at it.
 */
export const offeropsHere = (
  defaults: Record<string, string>,
  args: ReadonlyArray<string>,
  options: Omit<InProcessOptions, "env"> & { readonly env?: RunOptions["env"] } = {}
): Promise<Run> =>
  Effect.runPromise(
    offeropsInProcess(args, { ...options, env: envOf(defaults, options.env) }).pipe(Effect.provide(TestClock.layer()))
  )

/** `offerops ...args` from the built bundle, with stdin an empty pipe (not a terminal), as in CI. */
export const offerops = (defaults: Record<string, string>, args: ReadonlyArray<string>, options: RunOptions = {}) =>
  collect(process.execPath, [...(options.nodeArgs ?? []), binPath, ...args], envOf(defaults, options.env), options.timeoutMs ?? runTimeoutMs)

/** `offerops ...args`, sent SIGINT (as Ctrl-C would) once stdout shows `text`. */
export const offeropsInterrupted = (defaults: Record<string, string>, args: ReadonlyArray<string>, text: string) =>
  collect(process.execPath, [binPath, ...args], defaults, runTimeoutMs, (child, stdout) => {
    child.stdin?.end()
    const poll = setInterval(() => {
      if (!stdout().includes(text)) return
      clearInterval(poll)
      child.kill("SIGINT")
    }, 10)
    child.on("close", () => clearInterval(poll))
  })

/** The single JSON document a run wrote to stdout; throws if stdout holds anything else. */
export const jsonOf = (run: Run): any => JSON.parse(run.stdout)

/**
 * Moves the emulator's clock `ms` forward after each request to `path`, so a watching CLI sees the
 * operation advance one step per poll however fast or slow it starts. Returns the stop function.
 */
export const advanceOnEachPoll = (emulator: Emulator, path: string, ms: number): () => void => {
  const prefix = path.split("?")[0]!
  let seen = 0
  const timer = setInterval(() => {
    const polls = emulator.requests().filter((request) => request.path.startsWith(prefix)).length
    if (polls > seen) emulator.advance(ms * (polls - seen))
    seen = polls
  }, 5)
  return () => clearInterval(timer)
}

/**
 * A publish waits at publisher sign-off until the publisher goes live (the emulator follows the docs
 * here). Plays the publisher: goes live through the emulator's controls once the publish gets there,
 * so a watch can follow it to its end.
 */
export const goLiveAtSignoff = (emulator: Emulator, publisherId: string, offerId: string, operationId: string): () => void => {
  const timer = setInterval(() => {
    const op = emulator.operation(operationId)
    const signingOff = op?.steps.some((step) => step.id === "publisher-signoff" && step.status === "running")
    if (op?.status === "running" && signingOff && !op.cancelRequested) {
      clearInterval(timer)
      emulator.startOperation(publisherId, offerId, "golive")
    }
  }, 5)
  return () => clearInterval(timer)
}
