/**
 * The composition root: environment → policy → runtime (core client, database-backed stores,
 * workflow engine, policy) → Bolt app → listening. `startBot` is what tests and the bench start;
 * `main` is what `bin/slackbot.js` runs.
 */
import { configErrorText, type CppSettings, InvalidInput, readProtocol, routedLocations, wantsExport } from "@offerops/core"
import { backendsNode, cppClientNode } from "@offerops/core/node"
import { LogLevel } from "@slack/bolt"
import { existsSync } from "node:fs"
import { Cause, Config, ConfigProvider, Effect, Layer, ManagedRuntime } from "effect"
import { makeApp } from "./app.ts"
import { CancelPolicy, loadPolicy, PolicyError } from "./Policy.ts"
import { Readers } from "./Readers.ts"
import { type BotRuntime, makeRunner } from "./Runtime.ts"
import { type Env, readSettings, type Settings, SettingsError } from "./Settings.ts"
import { AuditLog } from "./store/AuditLog.ts"
import { Confirmations } from "./store/Confirmations.ts"
import { DatabaseError, layerDatabase, readAuditRetention, readDatabase } from "./store/Database.ts"
import { OfferHolds } from "./store/OfferHolds.ts"
import { prepareSqliteFile } from "./store/SqliteFile.ts"
import { layerCancelWorkflow } from "./workflow/CancelWorkflow.ts"
import { SlackChat } from "./workflow/Conversation.ts"
import { OutcomeRetry } from "./workflow/OutcomePost.ts"
import { type DiskFull, storeReady } from "./store/Outage.ts"
import { type EngineTuning, layerEngine, readEngineTuning } from "./workflow/Engine.ts"
import { checkSlack, SlackUnavailable } from "./SlackConnection.ts"
import { Subscriptions } from "./store/Subscriptions.ts"
import { WatchPosts } from "./store/WatchPosts.ts"
import { ChannelSlack } from "./watch/ChannelSlack.ts"
import { layerWatcher } from "./watch/Watcher.ts"
import { readWatchSettings, type WatchSettings } from "./watch/WatchSettings.ts"
import { version } from "./Version.ts"

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
  /** Watcher settings that win over `OFFEROPS_WATCH_*`. */
  readonly watch?: Partial<WatchSettings>
  readonly logLevel?: LogLevel
  /** How the outcome's post is retried while Slack cannot take it (tests shorten the waits). */
  readonly outcomeRetry?: OutcomeRetry
  /** Tests only: a full disk under the SQLite file while it answers true. */
  readonly diskFull?: DiskFull
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
  const configured = ConfigProvider.layer(ConfigProvider.fromEnv({ env: definedOnly(env) }))
  // CPP and, beside it over the same pool, the other APIs (#18: PARTNER_CENTER_*, PRODUCT_INGESTION_*,
  // each with its own token); every read of a location goes to the API that owns it (routedLocations).
  const apis = backendsNode().pipe(
    Layer.provideMerge(cppClientNode({ ...(settings.cppBaseUrl === undefined ? {} : { baseUrl: settings.cppBaseUrl }), ...options.cpp })),
    Layer.provide(configured)
  )
  const cpp = Layer.merge(apis, routedLocations.pipe(Layer.provide(apis)))
  const stores = Layer.mergeAll(
    Confirmations.layerSql(),
    OfferHolds.layerSql,
    AuditLog.layerSql({ write: options.auditWrite, retention }),
    Subscriptions.layerSql,
    WatchPosts.layerSql
  )
  const watch = readWatchSettings(env)
  if (typeof watch === "string") throw new SettingsError({ message: watch })
  const tuning = readEngineTuning(env)
  if (typeof tuning === "string") throw new SettingsError({ message: tuning })
  const protocol = wantsExport(env) ? readProtocol(env) : "http/protobuf"
  if (protocol !== "http/protobuf" && protocol !== "http/json") throw new SettingsError({ message: protocol })
  // The configuration is valid: only now is the SQLite file made (private), and a start that fails
  // from here on takes it back.
  const prepared = database._tag === "Sqlite" ? prepareSqliteFile(database.filename, database.inDataDir === true) : { undo: () => {} }
  if (prepared instanceof DatabaseError) throw prepared
  const engine = layerEngine(database, { ...tuning, ...options.engine })
  const slack = SlackChat.layer({ botToken: settings.botToken, apiUrl: settings.apiUrl })
  // The workflow runs here with the same services the listeners use; it starts resuming the
  // cancels that a stopped bot (or a lost replica) left as soon as the engine is up.
  const services = Layer.mergeAll(
    cpp,
    stores,
    CancelPolicy.layerWatching(policy),
    Readers.layer({ teamLocale: settings.teamLocale }),
    ChannelSlack.layer({ botToken: settings.botToken, apiUrl: settings.apiUrl }),
    options.outcomeRetry === undefined ? Layer.empty : Layer.succeed(OutcomeRetry, options.outcomeRetry)
  )
  // Traces and metrics over OTLP only when asked for; the exporters' module is not even loaded otherwise.
  const telemetry = wantsExport(env) ? await loadExport(env, protocol) : Layer.empty
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(layerCancelWorkflow, layerWatcher({ ...watch, ...options.watch })).pipe(
      Layer.provide(slack),
      Layer.provideMerge(engine),
      Layer.provideMerge(services),
      Layer.provideMerge(layerDatabase(database, { diskFull: options.diskFull })),
      Layer.provideMerge(telemetry)
    )
  )
  // Build the services now, so a broken CPP configuration or database stops the start, not the first command.
  const failed = async (error: unknown): Promise<never> => {
    await runtime.dispose().catch(() => {})
    prepared.undo()
    throw Cause.isCause(error) ? Cause.squash(error) : error
  }
  await runtime.context().catch(failed)
  // Slack last: what is wrong here (configuration, database) is said first, without the network.
  await checkSlack(settings).catch(failed)
  let ready = false
  const runner = makeRunner(runtime)
  const bot = makeApp({
    settings,
    runner,
    health: { live: () => ready, ready: () => runtime.runPromise(storeReady) },
    logLevel: options.logLevel
  })
  const address = await bot.start({ port: settings.port, host: options.host }).catch(failed)
  ready = true
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  // Before this version the default file was in the working directory: say where it went rather than start afresh silently.
  if (database._tag === "Sqlite" && database.inDataDir === true && existsSync("offerops-slackbot.sqlite")) {
    console.warn(
      `offerops-slackbot: ./offerops-slackbot.sqlite is no longer used; the state is in ${database.filename}. ` +
        "To keep the old state, stop the bot and move the file there, or set DATABASE_URL=file:<path to it>."
    )
  }
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

const loadExport = async (env: Env, protocol: "http/protobuf" | "http/json") => {
  const { layerExport } = await import("@offerops/core/telemetry")
  return layerExport(env, protocol, { name: "offerops-slackbot", version })
}

const usage = "usage: offerops-slackbot   (no arguments: it is configured by its environment; see its README)"

/**
 * What `bin/slackbot.js` runs. Expected failures (bad configuration, Slack unreachable, the port
 * taken) are one line on stderr and an exit code, never a stack trace; Ctrl-C stops it quietly.
 */
export const main = async (argv: ReadonlyArray<string> = []): Promise<void> => {
  const fail = (code: number, message: string) => {
    console.error(`offerops-slackbot: ${message}`)
    process.exit(code)
  }
  if (argv.length > 0 && argv.every((arg) => arg === "--help" || arg === "-h")) {
    console.log(usage)
    process.exit(0)
  }
  if (argv.length > 0) return fail(2, `unknown argument ${JSON.stringify(argv[0])}\n${usage}`)
  try {
    const bot = await startBot()
    // Before saying ready: whoever reads that line may stop the bot at once, and a signal that comes
    // before Node has a listener for it kills the process without the orderly stop.
    const shutdown = () => void bot.stop().then(() => process.exit(0))
    process.once("SIGINT", shutdown)
    process.once("SIGTERM", shutdown)
    console.log(JSON.stringify({ msg: "offerops-slackbot ready", mode: bot.settings.mode, url: bot.url }))
  } catch (error) {
    if (error instanceof SettingsError || error instanceof DatabaseError) return fail(2, error.message)
    if (error instanceof PolicyError) return fail(2, `policy ${error.source}: ${error.message}`)
    if (error instanceof SlackUnavailable) return fail(1, error.message)
    if ((error as { code?: unknown }).code === "EADDRINUSE") {
      return fail(1, `port ${process.env["PORT"]?.trim() || "3000"} is in use; set PORT to a free one (PORT=0 for any)`)
    }
    // The rest of the core's configuration (CPP_API_VERSION, ...), read as the runtime starts.
    if (error instanceof Config.ConfigError) return fail(2, `invalid configuration in the environment: ${configErrorText(error)}`)
    // The CPP client refuses a base URL it must not send the token to (plain http, not loopback).
    if (error instanceof InvalidInput) return fail(2, error.message)
    throw error
  }
}
