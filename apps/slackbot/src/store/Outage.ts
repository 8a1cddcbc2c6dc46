/**
 * A SQLite file that is locked by another process or on a full disk refuses statements for a
 * while. Every statement of the bot, the workflow engine's own included, waits that out here (a
 * capped backoff, interruptible) instead of failing, so a running cancel goes on where it was.
 * A listener, which has a person waiting, sets a short `StorePatience` and tells them instead.
 */
import { Clock, Context, Duration, Effect, Layer, Ref, Schedule, Semaphore } from "effect"
import { Reactivity } from "effect/reactivity"
import { SqlClient, type SqlConnection, SqlError, Statement } from "effect/sql"

/** How long a statement waits for the database to take it; undefined: until it does (or the fiber is interrupted). */
export const StorePatience = Context.Reference<Duration.Duration | undefined>("@offerops/slackbot/StorePatience", {
  defaultValue: () => undefined
})

/** What a person waiting on a command or a click waits for the database at most. */
export const listenerPatience = Duration.seconds(2)

// SQLite's primary result codes for "not now": BUSY, LOCKED, IOERR, FULL, CANTOPEN.
const outageCodes = new Set([5, 6, 10, 13, 14])

const sqliteCode = (cause: unknown): number | undefined => {
  const code = (cause as { readonly errcode?: unknown } | undefined)?.errcode
  return typeof code === "number" ? code & 0xff : undefined
}

/** SQLite's own words ("database is locked"), not the client's "Failed to execute statement". */
const detail = (error: SqlError.SqlError): string => {
  const cause = error.cause as { readonly cause?: unknown; readonly message?: unknown } | undefined
  const inner = cause?.cause instanceof Error ? cause.cause.message : undefined
  return (inner ?? error.message).slice(0, 200)
}

/** Whether an error says the database cannot take statements now (rather than that one was wrong). */
export const isStoreOutage = (error: unknown): boolean => {
  if (!(error instanceof SqlError.SqlError)) return false
  const code = sqliteCode(error.cause) ?? sqliteCode((error.cause as { readonly cause?: unknown } | undefined)?.cause)
  return code === undefined ? error.isRetryable : outageCodes.has(code)
}

/** Since when the database refuses statements (undefined while it takes them). */
export class StoreHealth extends Context.Service<StoreHealth, {
  readonly outageSince: Effect.Effect<number | undefined>
}>()("@offerops/slackbot/StoreHealth") {}

const backoff = Schedule.min([Schedule.exponential(Duration.millis(50), 2), Schedule.spaced(Duration.seconds(2))])

/**
 * A test's stand-in for a full disk: while it answers true, every statement that writes fails as
 * SQLite fails it with SQLITE_FULL.
 */
export type DiskFull = () => boolean

const writes = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP|BEGIN|COMMIT)\b/i

const fullDisk = () =>
  new SqlError.SqlError({
    reason: new SqlError.UnknownError({
      cause: Object.assign(new Error("database or disk is full"), { code: "ERR_SQLITE_ERROR", errcode: 13 }),
      message: "database or disk is full"
    })
  })

/**
 * Wraps a SQLite client so each statement is retried while the database is out (see
 * `isStoreOutage`), for as long as the caller's `StorePatience`; the first refusal and the recovery
 * are logged once each.
 */
export const layerPatientSqlite = (
  options: { readonly diskFull?: DiskFull | undefined } = {}
): Layer.Layer<SqlClient.SqlClient | StoreHealth, never, SqlClient.SqlClient> =>
  Layer.effectContext(Effect.gen(function*() {
    const original = yield* SqlClient.SqlClient
    const connection = yield* Effect.scoped(original.reserve).pipe(Effect.orDie)
    const since = yield* Ref.make<number | undefined>(undefined)
    const refused = (error: SqlError.SqlError) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const before = yield* Ref.getAndUpdate(since, (value) => value ?? now)
        if (before === undefined) {
          yield* Effect.logWarning(`the database refuses statements (${detail(error)}); the bot retries them until it takes them again`)
        }
      })
    const recovered = Effect.gen(function*() {
      const before = yield* Ref.getAndSet(since, undefined)
      if (before !== undefined) {
        const now = yield* Clock.currentTimeMillis
        yield* Effect.logWarning(`the database takes statements again after ${Math.round((now - before) / 1000)} s`)
      }
    })
    const patient = <A>(sql: string, run: () => Effect.Effect<A, SqlError.SqlError>): Effect.Effect<A, SqlError.SqlError> =>
      Effect.gen(function*() {
        const patience = yield* StorePatience
        const attempt = Effect.suspend(() =>
          options.diskFull?.() === true && writes.test(sql) ? Effect.fail(fullDisk()) : run()
        ).pipe(Effect.tapError((error) => (isStoreOutage(error) ? refused(error) : Effect.void)))
        const result = yield* attempt.pipe(
          Effect.retry({
            schedule: patience === undefined ? backoff : Schedule.max([backoff, Schedule.during(patience)]),
            while: (error: SqlError.SqlError) => isStoreOutage(error)
          })
        )
        // Reads go on under a lock (WAL): only a write says the database takes statements again.
        if (writes.test(sql)) yield* recovered
        return result
      })
    const wrapped: SqlConnection.Connection = {
      execute: (sql, params, transform) => patient(sql, () => connection.execute(sql, params, transform)),
      executeRaw: (sql, params) => patient(sql, () => connection.executeRaw(sql, params)),
      executeStream: (sql, params, transform) => connection.executeStream(sql, params, transform),
      executeValues: (sql, params) => patient(sql, () => connection.executeValues(sql, params)),
      executeValuesUnprepared: (sql, params) => patient(sql, () => connection.executeValuesUnprepared(sql, params)),
      executeUnprepared: (sql, params, transform) => patient(sql, () => connection.executeUnprepared(sql, params, transform))
    }
    const acquirers = SqlClient.makeSqliteAcquirers({ connection: Effect.succeed(wrapped), semaphore: yield* Semaphore.make(1) })
    const client = yield* SqlClient.make({
      ...acquirers,
      compiler: Statement.makeCompilerSqlite(),
      driver: "sqlite",
      spanAttributes: [["db.system.name", "sqlite"]]
    })
    return Context.make(SqlClient.SqlClient, client).pipe(
      Context.add(StoreHealth, StoreHealth.of({ outageSince: Ref.get(since) }))
    )
  })).pipe(Layer.provide(Reactivity.layer))

/**
 * Whether the database takes a write now (what `/readyz` says): a statement that writes nothing,
 * given a moment, and no refusal left unanswered by a later success.
 */
export const storeReady: Effect.Effect<boolean, never, SqlClient.SqlClient | StoreHealth> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const probed = yield* sql`DELETE FROM offerops_offer_holds WHERE 1 = 0`.pipe(
    Effect.provideService(StorePatience, Duration.zero),
    Effect.timeoutOption(Duration.seconds(2)),
    Effect.map((done) => done._tag === "Some"),
    Effect.catch(() => Effect.succeed(false))
  )
  return probed && (yield* (yield* StoreHealth).outageSince) === undefined
})
