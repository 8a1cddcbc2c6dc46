/**
 * The composition root: environment → policy → runtime (core client, database-backed stores,
 * workflow engine, policy) → Bolt app → listening. `startBot` is what tests and the bench start;
 * `main` is what `bin/slackbot.js` runs.
 */
import { configErrorText, type CppSettings, InvalidInput } from "@offerops/core"
import { cppClientNode } from "@offerops/core/node"
import { LogLevel } from "@slack/bolt"
import { Cause, Config, ConfigProvider, Effect, Layer, ManagedRuntime } from "effect"
import { makeApp } from "./app.ts"
import { CancelPolicy, loadPolicy, PolicyError } from "./Policy.ts"
import { Readers } from "./Readers.ts"
import { type BotRuntime, makeRunner } from "./Runtime.ts"
import { type Env, readSettings, type Settings, SettingsError } from "./Settings.ts"
import { AuditLog } from "./store/AuditLog.ts"
import { Confirmations } from "./store/Confirmations.ts"
import { DatabaseError, describeDatabase, layerDatabase, readAuditRetention, readDatabase } from "./store/Database.ts"
import { OfferHolds } from "./store/OfferHolds.ts"
import { layerCancelWorkflow } from "./workflow/CancelWorkflow.ts"
import { SlackChat } from "./workflow/Conversation.ts"
import { type EngineTuning, layerEngine, readEngineTuning } from "./workflow/Engine.ts"

export interface BotOptions {
  readonly env?: Env
  /** Interface to listen on in HTTP mode; all interfaces when absent. */
  readonly host?: string
  /** How long `stop` waits for cancels still being followed before interrupting them. Default 10 s. */
  readonly stopGraceMillis?: number
  /** Core settings that win over `CPP_*` (tests shrink the poll delays). */
  readonly cpp?: Partial<CppSettings>
  /** Where audit lines go besides the database; stdout by default. */
  readonly auditWrite?: (line: string) => void
  readonly engine?: EngineTuning
  readonly logLevel?: LogLevel
}

export interface RunningBot {
  readonly settings: Settings
  /** `http://host:port` in HTTP mode. */
  readonly url: string
  readonly runtime: BotRuntime
  stop(): Promise<void>
}

const definedOnly = (env: Env): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))

export const startBot = async (options: BotOptions = {}): Promise<RunningBot> => {
  const env = options.env ?? process.env
  const settings = readSettings(env)
  if (settings instanceof SettingsError) throw settings
  const database = readDatabase(env)
  if (database instanceof DatabaseError) throw database
  const retention = readAuditRetention(env)
  if (retention instanceof DatabaseError) throw retention
  const policy = await Effect.runPromise(loadPolicy(settings.policyFile))
  const cpp = cppClientNode({ ...(settings.cppBaseUrl === undefined ? {} : { baseUrl: settings.cppBaseUrl }), ...options.cpp }).pipe(
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: definedOnly(env) })))
  )
  const stores = Layer.mergeAll(
    Confirmations.layerSql(),
    OfferHolds.layerSql,
    AuditLog.layerSql({ write: options.auditWrite, retention })
  )
  const tuning = readEngineTuning(env)
  if (typeof tuning === "string") throw new SettingsError({ message: tuning })
  const engine = layerEngine(database, { ...tuning, ...options.engine })
  const slack = SlackChat.layer({ botToken: settings.botToken, apiUrl: settings.apiUrl })
  // The workflow runs here with the same services the listeners use; it starts resuming the
  // cancels that a stopped bot (or a lost replica) left as soon as the engine is up.
  const services = Layer.mergeAll(cpp, stores, CancelPolicy.layerWatching(policy), Readers.layer({ teamLocale: settings.teamLocale }))
  const runtime: BotRuntime = ManagedRuntime.make(
    layerCancelWorkflow.pipe(
      Layer.provide(slack),
      Layer.provideMerge(engine),
      Layer.provideMerge(services),
      Layer.provide(layerDatabase(database))
    )
  )
  // Build the services now, so a broken CPP configuration or database stops the start, not the first command.
  await runtime.context().catch((error: unknown) => {
    throw Cause.isCause(error) ? Cause.squash(error) : error
  })
  let ready = false
  const runner = makeRunner(runtime)
  const bot = makeApp({ settings, runner, isReady: () => ready, store: describeDatabase(database), logLevel: options.logLevel })
  const address = await bot.start({ port: settings.port, host: options.host })
  ready = true
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  if (policy._tag === "Missing") {
    console.warn("offerops-slackbot: OFFEROPS_POLICY_FILE is not set, so every cancel is refused (see README).")
  }
  return {
    settings,
    url: `http://${host}:${address.port}`,
    runtime,
    stop: async () => {
      ready = false
      await bot.stop()
      // Confirmed cancels are workflows: stopping suspends them, and they resume when a bot starts on
      // the same database (here after a restart, or on another replica at once).
      await runner.drain(options.stopGraceMillis ?? 10_000)
      await runtime.dispose()
    }
  }
}

export const main = async (): Promise<void> => {
  try {
    const bot = await startBot()
    console.log(JSON.stringify({ msg: "offerops-slackbot ready", mode: bot.settings.mode, url: bot.url }))
    const shutdown = () => void bot.stop().then(() => process.exit(0))
    process.once("SIGINT", shutdown)
    process.once("SIGTERM", shutdown)
  } catch (error) {
    if (error instanceof SettingsError || error instanceof PolicyError || error instanceof DatabaseError) {
      console.error(`offerops-slackbot: ${error instanceof PolicyError ? `policy ${error.source}: ` : ""}${error.message}`)
      process.exit(2)
    }
    // The rest of the core's configuration (CPP_API_VERSION, ...), read as the runtime starts.
    if (error instanceof Config.ConfigError) {
      console.error(`offerops-slackbot: invalid configuration in the environment: ${configErrorText(error)}`)
      process.exit(2)
    }
    // The CPP client refuses a base URL it must not send the token to (plain http, not loopback).
    if (error instanceof InvalidInput) {
      console.error(`offerops-slackbot: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
}
