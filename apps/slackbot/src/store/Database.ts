/**
 * Where the bot keeps its state: `DATABASE_URL` unset → SQLite at `slackbot.sqlite` in the data
 * directory (`OFFEROPS_DATA_DIR`, else `$XDG_STATE_HOME/offerops`, else `~/.local/state/offerops`);
 * `file:<path>` → SQLite there (one bot); `postgres://…` → Postgres, shared by several replicas.
 * The tables are created or upgraded at start; the same schema serves both databases.
 */
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Cause, Duration, Effect, Layer, Redacted, Schema } from "effect"
import { Migrator, SqlClient } from "effect/sql"
import { homedir, hostname } from "node:os"
import { isAbsolute, join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { shownUrl } from "@offerops/core"
import { wholeNumber } from "../Settings.ts"
import { type DiskFull, layerPatientSqlite, StoreHealth, StorePatience } from "./Outage.ts"

/** The SQLite file's name in the data directory. */
export const defaultSqliteFile = "slackbot.sqlite"
const defaultRunnerPort = 34431

export interface RunnerAddress {
  readonly host: string
  readonly port: number
}

export type Database =
  | {
    readonly _tag: "Sqlite"
    readonly filename: string
    /** The file is in the data directory, which the bot makes; a `file:` path's directory must exist. */
    readonly inDataDir?: true
  }
  | {
    readonly _tag: "Postgres"
    readonly url: Redacted.Redacted<string>
    /** Where the other replicas reach this one (`OFFEROPS_RUNNER_ADDRESS`). */
    readonly runner: RunnerAddress
  }

export class DatabaseError extends Schema.TaggedError<DatabaseError>()("DatabaseError", {
  message: Schema.String
}) {}

const present = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim())

const readRunnerAddress = (text: string | undefined): RunnerAddress | DatabaseError => {
  if (text === undefined) return { host: hostname(), port: defaultRunnerPort }
  const match = /^(.+):(\d{1,5})$/.exec(text)
  const port = Number(match?.[2])
  if (match === null || port < 1 || port > 65535) {
    return new DatabaseError({
      message: `OFFEROPS_RUNNER_ADDRESS must be <host>:<port> (the address the other replicas reach this one on), got ${
        JSON.stringify(text.slice(0, 100))
      }`
    })
  }
  return { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port }
}

/**
 * The directory for the default SQLite file: `OFFEROPS_DATA_DIR`, else `$XDG_STATE_HOME/offerops`,
 * else `~/.local/state/offerops` (the XDG base directory rules for state that outlives a restart).
 */
export const readDataDir = (env: Readonly<Record<string, string | undefined>>): string | DatabaseError => {
  const own = present(env.OFFEROPS_DATA_DIR)
  if (own !== undefined) {
    return isAbsolute(own) ? own : new DatabaseError({
      message: `OFFEROPS_DATA_DIR must be an absolute path (the directory for the bot's SQLite file), got ${JSON.stringify(own.slice(0, 200))}`
    })
  }
  // The XDG rules ignore a relative XDG_STATE_HOME.
  const state = present(env.XDG_STATE_HOME)
  if (state !== undefined && isAbsolute(state)) return join(state, "offerops")
  const home = present(env.HOME) ?? homedir()
  return join(home, ".local", "state", "offerops")
}

/**
 * A Postgres URL with its user and password percent-encoded, as drivers parse them: people paste
 * passwords with `/`, `@`, `#` or `?` in them unencoded. The password runs to the last `@` before
 * the host. Undefined when even that does not make a URL.
 */
const encodePostgresUrl = (url: string): string | undefined => {
  const parts = /^(postgres(?:ql)?:\/\/)(?:(.*)@)?([^@/?#]*)([/?#].*)?$/s.exec(url)
  if (parts === null) return undefined
  const [, scheme, credentials, host, rest = ""] = parts
  const encode = (text: string) => encodeURIComponent(safeDecode(text))
  const userinfo = credentials === undefined
    ? ""
    : `${credentials.split(":").length > 1
      ? `${encode(credentials.slice(0, credentials.indexOf(":")))}:${encode(credentials.slice(credentials.indexOf(":") + 1))}`
      : encode(credentials)}@`
  const candidate = `${scheme}${userinfo}${host}${rest}`
  return URL.canParse(candidate) && new URL(candidate).hostname !== "" ? candidate : undefined
}

/** An already encoded part stays as it is; a bare `%` is taken literally. */
const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Reads `DATABASE_URL` (and, for Postgres, `OFFEROPS_RUNNER_ADDRESS`; for the default SQLite file, the data directory). */
export const readDatabase = (env: Readonly<Record<string, string | undefined>>): Database | DatabaseError => {
  const url = present(env.DATABASE_URL)
  if (url === undefined) {
    const dir = readDataDir(env)
    return dir instanceof DatabaseError ? dir : { _tag: "Sqlite", filename: join(dir, defaultSqliteFile), inDataDir: true }
  }
  if (url.startsWith("file:")) {
    const filename = url.slice("file:".length)
    return filename === ""
      ? new DatabaseError({ message: "DATABASE_URL=file: needs a path, e.g. file:/var/lib/offerops/slackbot.sqlite" })
      : { _tag: "Sqlite", filename }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const encoded = encodePostgresUrl(url)
    if (encoded === undefined) {
      return new DatabaseError({
        message: `DATABASE_URL is not a Postgres URL the bot can read (${shownUrl(url)}): expected postgres://user:password@host:port/database`
      })
    }
    const runner = readRunnerAddress(present(env.OFFEROPS_RUNNER_ADDRESS))
    return runner instanceof DatabaseError ? runner : { _tag: "Postgres", url: Redacted.make(encoded), runner }
  }
  // Never echo the value: a database URL may carry a password.
  return new DatabaseError({
    message: "DATABASE_URL must be file:<path> (SQLite) or postgres://user:password@host:port/database (Postgres)"
  })
}

/** `OFFEROPS_AUDIT_RETENTION_DAYS`: how long audit rows are kept; 90 days when unset. */
export const readAuditRetention = (
  env: Readonly<Record<string, string | undefined>>
): Duration.Duration | DatabaseError => {
  const days = wholeNumber(env, "OFFEROPS_AUDIT_RETENTION_DAYS", "days", { min: 1, max: 36_500 })
  return typeof days === "string" ? new DatabaseError({ message: days }) : Duration.days(days ?? 90)
}

/** What `/healthz` says about the store, without credentials. */
export const describeDatabase = (database: Database): string => {
  if (database._tag === "Sqlite") return `sqlite:${database.filename}`
  const url = new URL(Redacted.value(database.url))
  return `postgres://${url.host}${url.pathname}`
}

/**
 * The schema, one step per version. Steps only add (tables, nullable columns, indexes), so a bot of
 * the previous version that is still running keeps working on a database the next one upgraded
 * (a rolling update); a bot that finds a step it does not know refuses to start.
 */
export const schemaSteps = {
  "1_stores": Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql`CREATE TABLE offerops_confirmations (
      id TEXT PRIMARY KEY,
      requester TEXT NOT NULL,
      channel TEXT NOT NULL,
      offer TEXT NOT NULL,
      operation_id TEXT NOT NULL,
      operation_type TEXT,
      emails TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      used_at BIGINT
    )`
    yield* sql`CREATE INDEX offerops_confirmations_expiry ON offerops_confirmations (expires_at)`
    yield* sql`CREATE TABLE offerops_offer_holds (
      offer TEXT PRIMARY KEY,
      held_by TEXT NOT NULL,
      confirmation_id TEXT NOT NULL,
      since BIGINT NOT NULL,
      cancel_attempts INTEGER NOT NULL DEFAULT 0
    )`
    yield* sql`CREATE TABLE offerops_audit (
      id TEXT PRIMARY KEY,
      at BIGINT NOT NULL,
      event TEXT NOT NULL,
      who TEXT NOT NULL,
      place TEXT NOT NULL,
      offer TEXT,
      requester TEXT,
      confirmation TEXT,
      operation_id TEXT,
      location TEXT,
      result TEXT NOT NULL,
      duration_ms BIGINT
    )`
    yield* sql`CREATE INDEX offerops_audit_offer ON offerops_audit (offer, event, at)`
    yield* sql`CREATE INDEX offerops_audit_at ON offerops_audit (at)`
  }),
  // When the hold's workflow started; a hold without it may be stale (see OfferHolds).
  "2_hold_started": Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql`ALTER TABLE offerops_offer_holds ADD COLUMN started_at BIGINT`
  }),
  // #22: channels watching offers (store/Subscriptions.ts), and what each was shown (store/WatchPosts.ts).
  "3_watch": Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql`CREATE TABLE offerops_subscriptions (
      channel TEXT NOT NULL,
      offer TEXT NOT NULL,
      added_by TEXT NOT NULL,
      added_at BIGINT NOT NULL,
      paused_at BIGINT,
      paused_reason TEXT,
      PRIMARY KEY (channel, offer)
    )`
    yield* sql`CREATE TABLE offerops_watch_posts (
      channel TEXT NOT NULL,
      offer TEXT NOT NULL,
      operation_id TEXT NOT NULL,
      location TEXT NOT NULL,
      target TEXT,
      claimed_at BIGINT NOT NULL,
      ts TEXT,
      shown TEXT,
      step TEXT,
      step_since BIGINT,
      reminded_step TEXT,
      ended_at BIGINT,
      PRIMARY KEY (channel, offer, operation_id)
    )`
    yield* sql`CREATE INDEX offerops_watch_posts_open ON offerops_watch_posts (offer, ended_at)`
  })
}

/** The newest schema version this bot knows. */
export const schemaVersion = Math.max(...Object.keys(schemaSteps).map((id) => Number.parseInt(id, 10)))

const migrationsTable = "offerops_migrations"

/** Refuses a database a newer bot has upgraded: this one would not know what its rows mean. */
const refuseNewerSchema = (database: Database) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // No table yet: a new database (version 0).
    const rows = yield* sql<{ readonly version: number | string | null }>`SELECT MAX(migration_id) AS version FROM ${sql(migrationsTable)}`.pipe(
      Effect.orElseSucceed(() => [])
    )
    const found = Number(rows[0]?.version ?? 0)
    if (found > schemaVersion) {
      return yield* new DatabaseError({
        message: `the database ${describeDatabase(database)} has schema version ${found}, newer than this offerops-slackbot knows (${schemaVersion}): ` +
          "a newer version of the bot upgraded it; run that version (or newer) against it. Nothing was changed."
      })
    }
  })

// A start waits a bounded while for a locked file, then says so, rather than hanging.
const migrate = Migrator.make({})({ loader: Migrator.fromRecord(schemaSteps), table: migrationsTable }).pipe(
  Effect.provideService(StorePatience, Duration.seconds(15))
)

/** Postgres has no outage to wait out here: its pool reconnects, and a replica takes over. */
const postgresHealth = Layer.succeed(StoreHealth, StoreHealth.of({ outageSince: Effect.succeed(undefined) }))

/**
 * One bot per SQLite file: two would not resume each other's cancels, and neither would know. The
 * bot holds an exclusive lock on `<file>.lock` while it runs (the system drops it if the process
 * dies); a second bot on the same file is refused at start.
 */
const layerOneBotPerFile = (filename: string): Layer.Layer<never, DatabaseError> =>
  Layer.effectDiscard(Effect.acquireRelease(
    Effect.try({
      try: () => {
        const lock = new DatabaseSync(`${filename}.lock`)
        try {
          lock.exec("PRAGMA locking_mode = EXCLUSIVE")
          lock.exec("BEGIN EXCLUSIVE")
          return lock
        } catch (error) {
          lock.close()
          throw error
        }
      },
      catch: (error) =>
        new DatabaseError({
          message: (error as { readonly errcode?: unknown }).errcode === 5
            ? `another bot already uses the SQLite file ${filename}: one SQLite file serves one bot; for replicas, give them one Postgres database (DATABASE_URL=postgres://…)`
            : `cannot open or migrate the database sqlite:${filename}: ${String((error as Error).message ?? error).slice(0, 200)}`
        })
    }),
    (lock) => Effect.sync(() => lock.close())
  ))

const client = (database: Database, options: DatabaseOptions): Layer.Layer<SqlClient.SqlClient | StoreHealth, unknown> =>
  database._tag === "Sqlite"
    ? layerPatientSqlite(options).pipe(
      Layer.provide(SqliteClient.layer({ filename: database.filename })),
      Layer.provide(layerOneBotPerFile(database.filename))
    )
    : Layer.merge(PgClient.layer({ url: database.url, connectTimeout: Duration.seconds(10) }), postgresHealth)

export interface DatabaseOptions {
  /** Tests only: a full disk while it answers true (see Outage). */
  readonly diskFull?: DiskFull | undefined
}

/**
 * The SQL client, connected and migrated. A database that cannot be opened, reached or migrated
 * fails with a DatabaseError that names the database (never its password) and the reason.
 */
export const layerDatabase = (
  database: Database,
  options: DatabaseOptions = {}
): Layer.Layer<SqlClient.SqlClient | StoreHealth, DatabaseError> =>
  Layer.effectDiscard(Effect.andThen(refuseNewerSchema(database), migrate)).pipe(
    Layer.provideMerge(client(database, options)),
    // A file SQLite cannot open is thrown (a defect), not failed: catch the whole cause.
    Layer.catchCause((cause) => {
      const error = Cause.squash(cause)
      return Layer.effectContext(Effect.fail(
        error instanceof DatabaseError ? error : new DatabaseError({
          message: `cannot open or migrate the database ${describeDatabase(database)}: ${reason(error)}`
        })
      ))
    })
  )

const reason = (error: unknown): string => {
  const cause = (error as { readonly cause?: unknown })?.cause
  const own = error instanceof Error ? error.message : String(error)
  const deeper = cause instanceof Error && cause.message !== own ? ` (${cause.message})` : ""
  return `${own}${deeper}`.slice(0, 500)
}
