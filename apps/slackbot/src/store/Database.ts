/**
 * Where the bot keeps its state: `DATABASE_URL` unset → SQLite at `./offerops-slackbot.sqlite`;
 * `file:<path>` → SQLite there (one bot); `postgres://…` → Postgres, shared by several replicas.
 * The tables are created or upgraded at start; the same schema serves both databases.
 */
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Cause, Duration, Effect, Layer, Redacted, Schema } from "effect"
import { Migrator, SqlClient } from "effect/sql"
import { hostname } from "node:os"
import { wholeNumber } from "../Settings.ts"

export const defaultSqliteFile = "offerops-slackbot.sqlite"
const defaultRunnerPort = 34431

export interface RunnerAddress {
  readonly host: string
  readonly port: number
}

export type Database =
  | { readonly _tag: "Sqlite"; readonly filename: string }
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

/** Reads `DATABASE_URL` (and, for Postgres, `OFFEROPS_RUNNER_ADDRESS`). */
export const readDatabase = (env: Readonly<Record<string, string | undefined>>): Database | DatabaseError => {
  const url = present(env.DATABASE_URL)
  if (url === undefined) return { _tag: "Sqlite", filename: defaultSqliteFile }
  if (url.startsWith("file:")) {
    const filename = url.slice("file:".length)
    return filename === ""
      ? new DatabaseError({ message: "DATABASE_URL=file: needs a path, e.g. file:/var/lib/offerops/slackbot.sqlite" })
      : { _tag: "Sqlite", filename }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const runner = readRunnerAddress(present(env.OFFEROPS_RUNNER_ADDRESS))
    return runner instanceof DatabaseError ? runner : { _tag: "Postgres", url: Redacted.make(url), runner }
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

const migrations = Migrator.fromRecord({
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
})

const migrate = Migrator.make({})({ loader: migrations, table: "offerops_migrations" })

const client = (database: Database): Layer.Layer<SqlClient.SqlClient, unknown> =>
  database._tag === "Sqlite"
    ? SqliteClient.layer({ filename: database.filename })
    : PgClient.layer({ url: database.url, connectTimeout: Duration.seconds(10) })

/**
 * The SQL client, connected and migrated. A database that cannot be opened, reached or migrated
 * fails with a DatabaseError that names the database (never its password) and the reason.
 */
export const layerDatabase = (database: Database): Layer.Layer<SqlClient.SqlClient, DatabaseError> =>
  Layer.effectDiscard(migrate).pipe(
    Layer.provideMerge(client(database)),
    // A file SQLite cannot open is thrown (a defect), not failed: catch the whole cause.
    Layer.catchCause((cause) =>
      Layer.effect(SqlClient.SqlClient, Effect.fail(
        new DatabaseError({
          message: `cannot open or migrate the database ${describeDatabase(database)}: ${reason(Cause.squash(cause))}`
        })
      ))
    )
  )

const reason = (error: unknown): string => {
  const cause = (error as { readonly cause?: unknown })?.cause
  const own = error instanceof Error ? error.message : String(error)
  const deeper = cause instanceof Error && cause.message !== own ? ` (${cause.message})` : ""
  return `${own}${deeper}`.slice(0, 500)
}
