/**
 * One bot under test, wired as in production: the real Bolt HTTPReceiver on 127.0.0.1 with
 * signature verification (or, in Socket Mode, the real SocketModeReceiver connected to the fake's
 * WebSocket), the fake Slack for the Web API and response_urls, and the CPP emulator.
 */
import { type Emulator, graphResource, partnerCenterResource, startEmulator } from "@offerops/emulator"
import { LogLevel } from "@slack/bolt"
import { Duration } from "effect"
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BotOptions, type RunningBot, startBot } from "../../src/main.ts"
import type { PolicyDocument } from "../../src/Policy.ts"
import { type FakeSlack, startFakeSlack } from "./FakeSlack.ts"

export const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"

export interface Harness {
  readonly bot: RunningBot
  readonly slack: FakeSlack
  readonly emulator: Emulator
  /** Where signed HTTP requests go (HTTP mode only). */
  readonly events: string
  readonly audit: Array<Record<string, unknown>>
  /** An audit write for which this says true fails (as a full disk or a lost database would). */
  failAudit: (record: Record<string, unknown>) => boolean
  /** Stops the bot and starts another on the same database, fake Slack and emulator. */
  restart(): Promise<RunningBot>
  /** The bot's SQLite file. */
  readonly databaseFile: string
  close(): Promise<void>
}

export const startHarness = async (
  policy: PolicyDocument | undefined,
  mode: "http" | "socket" = "http",
  /** More environment for the bot (e.g. OFFEROPS_TEAM_LANG). */
  extraEnv: Readonly<Record<string, string>> = {},
  /** More options for startBot (e.g. a full disk, shorter outcome retries). */
  extraOptions: Pick<BotOptions, "diskFull" | "outcomeRetry"> = {}
): Promise<Harness> => {
  const slack = await startFakeSlack()
  const emulator = await startEmulator({ port: 0 })
  let policyFile: string | undefined
  const dir = await mkdtemp(join(tmpdir(), "slackbot-harness-"))
  if (policy !== undefined) {
    policyFile = join(dir, "policy.json")
    await writeFile(policyFile, JSON.stringify(policy))
  }
  const audit: Array<Record<string, unknown>> = []
  const faults = { failAudit: (_: Record<string, unknown>) => false }
  const databaseFile = join(dir, "bot.sqlite")
  const options: Parameters<typeof startBot>[0] = {
    env: {
      ...(mode === "http" ? { SLACK_SIGNING_SECRET: signingSecret } : { SLACK_APP_TOKEN: "xapp-fake" }),
      SLACK_BOT_TOKEN: "xoxb-fake",
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      OFFEROPS_POLICY_FILE: policyFile,
      CPP_BASE_URL: emulator.url,
      // Valid for a virtual year: the watch tests move the emulator's clock by days.
      CPP_TOKEN: emulator.issueToken({ ttlSeconds: 365 * 86_400 }),
      // #18: the other two APIs on the same emulator, each with a token of its own audience.
      PARTNER_CENTER_BASE_URL: `${emulator.url}/v1.0/ingestion`,
      PARTNER_CENTER_TOKEN: emulator.issueToken({ audience: partnerCenterResource, ttlSeconds: 365 * 86_400 }),
      PRODUCT_INGESTION_BASE_URL: `${emulator.url}/rp/product-ingestion`,
      PRODUCT_INGESTION_TOKEN: emulator.issueToken({ audience: graphResource, ttlSeconds: 365 * 86_400 }),
      DATABASE_URL: `file:${databaseFile}`,
      ...extraEnv
    },
    host: "127.0.0.1",
    cpp: { pollInitial: Duration.millis(20), pollMax: Duration.millis(50), retryBase: Duration.millis(10), retryCap: Duration.millis(50) },
    auditWrite: (line) => {
      const record = JSON.parse(line) as Record<string, unknown>
      if (faults.failAudit(record)) throw new Error("the audit store is unavailable")
      audit.push(record)
    },
    engine: { messagePollInterval: Duration.millis(100) },
    logLevel: LogLevel.ERROR,
    ...extraOptions
  }
  let bot = await startBot(options).catch(async (error: unknown) => {
    await Promise.all([slack.close(), emulator.close()])
    throw error
  })
  return {
    get bot() {
      return bot
    },
    slack,
    emulator,
    get events() {
      return `${bot.url}/slack/events`
    },
    audit,
    get failAudit() {
      return faults.failAudit
    },
    set failAudit(rule) {
      faults.failAudit = rule
    },
    restart: async () => {
      await bot.stop()
      bot = await startBot(options)
      return bot
    },
    databaseFile,
    close: async () => {
      await bot.stop()
      await Promise.all([slack.close(), emulator.close()])
    }
  }
}
