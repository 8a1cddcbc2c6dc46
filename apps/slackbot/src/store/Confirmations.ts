/**
 * Pending confirmations: what a requester asked to cancel, usable once, for a limited time. The
 * SQL layer keeps them across restarts and replicas; expired and used ones stay a day, so a late
 * click is told "expired" or "already used" and audited with its offer.
 */
import { Clock, Context, Duration, Effect, Layer, Option, Schema } from "effect"
import { SqlClient } from "effect/sql"
import { randomUUID } from "node:crypto"

/** What a requester asked to cancel; a button carries only its `id`. Also part of each cancel workflow's payload. */
export const Confirmation = Schema.Struct({
  id: Schema.String,
  requester: Schema.String,
  channel: Schema.String,
  /** `publisherId/offerId`. */
  offer: Schema.String,
  /** The operation that was running when the confirmation was shown, and its type (publish, go-live). */
  operationId: Schema.String,
  operationType: Schema.UndefinedOr(Schema.String),
  emails: Schema.Array(Schema.String),
  createdAt: Schema.Number
})
export type Confirmation = typeof Confirmation.Type

export type ConfirmationRequest = Omit<Confirmation, "id" | "createdAt">

export class ConfirmationUnknown extends Schema.TaggedError<ConfirmationUnknown>()("ConfirmationUnknown", {
  id: Schema.String
}) {}

export class ConfirmationExpired extends Schema.TaggedError<ConfirmationExpired>()("ConfirmationExpired", {
  id: Schema.String,
  offer: Schema.String
}) {}

export class ConfirmationUsed extends Schema.TaggedError<ConfirmationUsed>()("ConfirmationUsed", {
  id: Schema.String,
  offer: Schema.String
}) {}

export type ConfirmationRefused = ConfirmationUnknown | ConfirmationExpired | ConfirmationUsed

export interface ConfirmationsOptions {
  /** How long a confirmation stays usable; 10 minutes by default. */
  readonly ttl?: Duration.Input | undefined
}

/** Spent and expired confirmations are kept this long to answer late clicks precisely. */
const keptAfterExpiry = Duration.toMillis(Duration.days(1))

interface Stored {
  readonly confirmation: Confirmation
  readonly expiresAt: number
  readonly usedAt: number | undefined
}

const refusal = (id: string, stored: Stored | undefined, now: number): ConfirmationRefused | undefined =>
  stored === undefined
    ? new ConfirmationUnknown({ id })
    : stored.usedAt !== undefined
    ? new ConfirmationUsed({ id, offer: stored.confirmation.offer })
    : now >= stored.expiresAt
    ? new ConfirmationExpired({ id, offer: stored.confirmation.offer })
    : undefined

export class Confirmations extends Context.Service<Confirmations, {
  /** How long a confirmation stays usable. */
  readonly ttl: Duration.Duration
  /** Records a request and returns it with a fresh unguessable id. */
  issue(request: ConfirmationRequest): Effect.Effect<Confirmation>
  /** Reads a live confirmation without using it up (to check who may act on it first). */
  peek(id: string): Effect.Effect<Confirmation, ConfirmationRefused>
  /** Uses a confirmation up: the first caller gets it, every later one ConfirmationUsed. */
  take(id: string): Effect.Effect<Confirmation, ConfirmationRefused>
}>()("@offerops/slackbot/Confirmations") {
  /** In the bot's database; `take` is one conditional UPDATE, so two replicas cannot both win. */
  static readonly layerSql = (options: ConfirmationsOptions = {}): Layer.Layer<Confirmations, never, SqlClient.SqlClient> =>
    Layer.effect(
      Confirmations,
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const ttl = Duration.fromInputUnsafe(options.ttl ?? Duration.minutes(10))

        const read = (id: string) =>
          sql<Row>`SELECT * FROM offerops_confirmations WHERE id = ${id}`.pipe(
            Effect.map((rows) => Option.getOrUndefined(Option.map(Option.fromUndefinedOr(rows[0]), fromRow))),
            Effect.orDie
          )

        const check = (id: string) =>
          Effect.all([read(id), Clock.currentTimeMillis]).pipe(Effect.flatMap(([stored, now]) => {
            const refused = refusal(id, stored, now)
            return refused === undefined ? Effect.succeed(stored!.confirmation) : Effect.fail(refused)
          }))

        return Confirmations.of({
          ttl,
          issue: Effect.fn("Confirmations.issue")(function*(request) {
            const now = yield* Clock.currentTimeMillis
            const confirmation: Confirmation = { ...request, id: randomUUID(), createdAt: now }
            yield* sql`DELETE FROM offerops_confirmations WHERE expires_at < ${now - keptAfterExpiry}`.pipe(Effect.orDie)
            yield* sql`INSERT INTO offerops_confirmations ${
              sql.insert({
                id: confirmation.id,
                requester: request.requester,
                channel: request.channel,
                offer: request.offer,
                operation_id: request.operationId,
                operation_type: request.operationType ?? null,
                emails: JSON.stringify(request.emails),
                created_at: now,
                expires_at: now + Duration.toMillis(ttl),
                used_at: null
              })
            }`.pipe(Effect.orDie)
            return confirmation
          }),
          peek: check,
          take: Effect.fn("Confirmations.take")(function*(id) {
            const now = yield* Clock.currentTimeMillis
            const taken = yield* sql<Row>`
              UPDATE offerops_confirmations SET used_at = ${now}
              WHERE id = ${id} AND used_at IS NULL AND expires_at > ${now}
              RETURNING *`.pipe(Effect.orDie)
            if (taken[0] !== undefined) return fromRow(taken[0]).confirmation
            // Lost the race or never eligible: say why.
            return yield* check(id).pipe(Effect.flatMap((seen) => Effect.fail(new ConfirmationUsed({ id, offer: seen.offer }))))
          })
        })
      })
    )

  /** In this process only, for tests. */
  static readonly layerMemory = (options: ConfirmationsOptions = {}): Layer.Layer<Confirmations> =>
    Layer.sync(Confirmations, () => {
      const ttl = Duration.fromInputUnsafe(options.ttl ?? Duration.minutes(10))
      const stored = new Map<string, Stored>()
      const check = (id: string, now: number): Effect.Effect<Stored, ConfirmationRefused> => {
        const refused = refusal(id, stored.get(id), now)
        return refused === undefined ? Effect.succeed(stored.get(id)!) : Effect.fail(refused)
      }
      return Confirmations.of({
        ttl,
        issue: (request) =>
          Clock.currentTimeMillis.pipe(Effect.map((now) => {
            const confirmation: Confirmation = { ...request, id: randomUUID(), createdAt: now }
            stored.set(confirmation.id, { confirmation, expiresAt: now + Duration.toMillis(ttl), usedAt: undefined })
            return confirmation
          })),
        peek: (id) => Clock.currentTimeMillis.pipe(Effect.flatMap((now) => check(id, now)), Effect.map((s) => s.confirmation)),
        take: (id) =>
          Clock.currentTimeMillis.pipe(Effect.flatMap((now) =>
            check(id, now).pipe(Effect.map((s) => {
              stored.set(id, { ...s, usedAt: now })
              return s.confirmation
            }))
          ))
      })
    })
}

interface Row {
  readonly id: string
  readonly requester: string
  readonly channel: string
  readonly offer: string
  readonly operation_id: string
  readonly operation_type: string | null
  readonly emails: string
  readonly created_at: number | string
  readonly expires_at: number | string
  readonly used_at: number | string | null
}

// Postgres returns BIGINT as a string.
const fromRow = (row: Row): Stored => ({
  confirmation: {
    id: row.id,
    requester: row.requester,
    channel: row.channel,
    offer: row.offer,
    operationId: row.operation_id,
    operationType: row.operation_type ?? undefined,
    emails: JSON.parse(row.emails) as ReadonlyArray<string>,
    createdAt: Number(row.created_at)
  },
  expiresAt: Number(row.expires_at),
  usedAt: row.used_at === null ? undefined : Number(row.used_at)
})
