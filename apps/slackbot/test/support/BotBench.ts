/**
 * What the tests with real bot processes share: the fake Slack and its signed users, the CPP
 * emulator, a policy that lets `allowed` cancel contoso's operations, the environment a bot starts
 * with, and the bots started (killed when the bench closes).
 */
import { type Emulator, startEmulator } from "@offerops/emulator"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BotProcess, startBotProcess } from "./BotProcess.ts"
import { type FakeSlack, startFakeSlack } from "./FakeSlack.ts"
import { slackUsers } from "./SlackUser.ts"

export interface BotBench {
  readonly slack: FakeSlack
  readonly emulator: Emulator
  readonly users: ReturnType<typeof slackUsers>
  /** A scratch directory for this bench (the policy file is in it). */
  readonly dir: string
  readonly bots: ReadonlyArray<BotProcess>
  /** The environment every bot starts with (its secrets too). */
  readonly env: Readonly<Record<string, string>>
  /** Starts a bot with the bench's environment and `env` over it (another program with `command`, see startBotProcess). */
  start(env?: Record<string, string>, command?: Parameters<typeof startBotProcess>[1]): Promise<BotProcess>
  /** The cancel POSTs the emulator received for an offer. */
  cancelPosts(offerId: string): ReturnType<Emulator["requests"]>
  close(): Promise<void>
}

export const startBotBench = async (options: {
  readonly secret: string
  readonly allowed: ReadonlyArray<string>
  readonly env?: Record<string, string>
}): Promise<BotBench> => {
  const [slack, emulator, dir] = await Promise.all([
    startFakeSlack(),
    startEmulator({ port: 0 }),
    mkdtemp(join(tmpdir(), "slackbot-bench-"))
  ])
  await writeFile(join(dir, "policy.json"), JSON.stringify({ allow: [{ users: options.allowed, publishers: ["contoso"] }] }))
  const base = {
    SLACK_SIGNING_SECRET: options.secret,
    SLACK_BOT_TOKEN: "xoxb-fake",
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    OFFEROPS_POLICY_FILE: join(dir, "policy.json"),
    CPP_BASE_URL: emulator.url,
    // Valid for a virtual year: the watch test moves the emulator's clock by days.
    CPP_TOKEN: emulator.issueToken({ ttlSeconds: 365 * 86_400 }),
    ...options.env
  }
  const bots: Array<BotProcess> = []
  return {
    slack,
    emulator,
    users: slackUsers(slack, options.secret),
    dir,
    bots,
    env: base,
    start: async (env = {}, command) => {
      const bot = await startBotProcess({ ...base, ...env }, command)
      bots.push(bot)
      return bot
    },
    cancelPosts: (offerId) =>
      emulator.requests().filter((request) => request.method === "POST" && request.path.includes(`/offers/${offerId}/cancel`)),
    close: async () => {
      await Promise.all(bots.map((bot) => bot.child.exitCode === null ? bot.kill("SIGKILL") : undefined))
      await Promise.all([slack.close(), emulator.close()])
    }
  }
}
