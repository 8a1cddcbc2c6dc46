/**
 * The audit trail: every event as a JSON line on stdout (for log shippers) and as a row (for
 * `/cancel-offer history` and for anyone who must answer "who cancelled what, when"). Rows older
 * than the retention are deleted at start and every few hours.
 */
import { Clock, Context, Duration, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { randomUUID } from "node:crypto"
import { type AuditEvent, auditLine, type AuditRecord } from "../Audit.ts"

export interface AuditLogOptions {
  /** Where the JSON lines go; stdout by default. */
  readonly write?: ((line: string) => void) | undefined
  /** How long rows are kept; 90 days by default. */
  readonly retention?: Duration.Input | undefined
}

const stdout = (line: string) => void process.stdout.write(`${line}\n`)

const bounded = (value: string | undefined) => (value === undefined ? null : value.slice(0, 500))

export class AuditLog extends Context.Service<AuditLog, {
  record(event: AuditEvent): Effect.Effect<void>
  /** The latest `limit` outcomes of cancels on `offer`, newest first. */
  outcomes(offer: string, limit: number): Effect.Effect<ReadonlyArray<AuditRecord>>
  /** The latest `limit` records of any kind, oldest first. */
  recent(limit: number): Effect.Effect<ReadonlyArray<AuditRecord>>
  /** #22: the latest `limit` subscription and watcher records on `offer`, newest first. */
  watchEvents(offer: string, limit: number): Effect.Effect<ReadonlyArray<AuditRecord>>
  /** #22: who confirmed (through the bot) a cancel of the operation, if anyone did. */
  confirmedBy(offer: string, operationId: string): Effect.Effect<string | undefined>
}>()("@offerops/slackbot/AuditLog") {
  static readonly layerSql = (options: AuditLogOptions = {}): Layer.Layer<AuditLog, never, SqlClient.SqlClient> =>
    Layer.effect(
      AuditLog,
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const write = options.write ?? stdout
        const retention = Duration.toMillis(Duration.fromInputUnsafe(options.retention ?? Duration.days(90)))
        const purge = Clock.currentTimeMillis.pipe(
          Effect.flatMap((now) => sql`DELETE FROM offerops_audit WHERE at < ${now - retention}`),
          Effect.catch((error) => Effect.logError(`audit retention: ${error.message}`))
        )
        yield* purge
        yield* Effect.sleep(Duration.hours(6)).pipe(Effect.andThen(purge), Effect.forever, Effect.forkScoped)

        return AuditLog.of({
          record: Effect.fn("AuditLog.record")(function*(event) {
            const now = yield* Clock.currentTimeMillis
            write(auditLine(event, now))
            yield* sql`INSERT INTO offerops_audit ${
              sql.insert({
                id: randomUUID(),
                at: now,
                event: event.event,
                who: bounded(event.who),
                place: bounded(event.where),
                offer: bounded(event.offer),
                requester: bounded(event.requester),
                confirmation: bounded(event.confirmation),
                operation_id: bounded(event.operationId),
                location: bounded(event.location),
                result: bounded(event.result),
                duration_ms: event.durationMs ?? null
              })
            }`.pipe(Effect.orDie)
          }),
          outcomes: (offer, limit) =>
            sql<Row>`SELECT * FROM offerops_audit WHERE offer = ${offer} AND event = 'outcome' ORDER BY at DESC LIMIT ${limit}`.pipe(
              Effect.map((rows) => rows.map(fromRow)),
              Effect.orDie
            ),
          recent: (limit) =>
            sql<Row>`SELECT * FROM offerops_audit ORDER BY at DESC LIMIT ${limit}`.pipe(
              Effect.map((rows) => rows.map(fromRow).reverse()),
              Effect.orDie
            ),
          watchEvents: (offer, limit) =>
            sql<Row>`SELECT * FROM offerops_audit WHERE offer = ${offer} AND event IN ('subscription', 'watch')
              ORDER BY at DESC LIMIT ${limit}`.pipe(Effect.map((rows) => rows.map(fromRow)), Effect.orDie),
          confirmedBy: (offer, operationId) =>
            sql<{ readonly who: string }>`SELECT who FROM offerops_audit WHERE offer = ${offer} AND event = 'confirmation'
              AND operation_id = ${operationId} AND result = 'accepted' ORDER BY at DESC LIMIT 1`.pipe(
              Effect.map((rows) => rows[0]?.who),
              Effect.orDie
            )
        })
      })
    )

  /** In this process only, for tests. */
  static readonly layerMemory = (options: AuditLogOptions = {}): Layer.Layer<AuditLog> =>
    Layer.sync(AuditLog, () => {
      const write = options.write ?? stdout
      const records: Array<AuditRecord> = []
      return AuditLog.of({
        record: (event) =>
          Clock.currentTimeMillis.pipe(Effect.map((now) => {
            write(auditLine(event, now))
            records.push({ ...event, at: new Date(now).toISOString() })
          })),
        outcomes: (offer, limit) =>
          Effect.sync(() => records.filter((r) => r.offer === offer && r.event === "outcome").reverse().slice(0, limit)),
        recent: (limit) => Effect.sync(() => records.slice(-limit)),
        watchEvents: (offer, limit) =>
          Effect.sync(() =>
            records.filter((r) => r.offer === offer && (r.event === "subscription" || r.event === "watch")).reverse().slice(0, limit)
          ),
        confirmedBy: (offer, operationId) =>
          Effect.sync(() =>
            records.findLast((r) => r.offer === offer && r.event === "confirmation" && r.operationId === operationId && r.result === "accepted")?.who
          )
      })
    })
}

interface Row {
  readonly at: number | string
  readonly event: AuditEvent["event"]
  readonly who: string
  readonly place: string
  readonly offer: string | null
  readonly requester: string | null
  readonly confirmation: string | null
  readonly operation_id: string | null
  readonly location: string | null
  readonly result: string
  readonly duration_ms: number | string | null
}

const optional = (value: string | null) => value ?? undefined

const fromRow = (row: Row): AuditRecord => ({
  at: new Date(Number(row.at)).toISOString(),
  event: row.event,
  who: row.who,
  where: row.place,
  offer: optional(row.offer),
  requester: optional(row.requester),
  confirmation: optional(row.confirmation),
  operationId: optional(row.operation_id),
  location: optional(row.location),
  result: row.result,
  durationMs: row.duration_ms === null ? undefined : Number(row.duration_ms)
})
