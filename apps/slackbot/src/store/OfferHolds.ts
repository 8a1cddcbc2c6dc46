/**
 * One cancel per offer: a confirmed cancel holds its offer until its workflow releases it, so a
 * second confirm for the same offer is refused, on any replica, across restarts.
 */
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql"

export class CancelInFlight extends Schema.TaggedError<CancelInFlight>()("CancelInFlight", {
  offer: Schema.String,
  by: Schema.String,
  since: Schema.Number
}) {}

export interface Hold {
  readonly offer: string
  readonly by: string
  /** The confirmation whose workflow holds the offer: only it releases the hold. */
  readonly confirmationId: string
}

export class OfferHolds extends Context.Service<OfferHolds, {
  /** Holds the offer for one cancel; a second claim fails with CancelInFlight until it is released. */
  claim(hold: Hold): Effect.Effect<void, CancelInFlight>
  /** Counts one more attempt to send the hold's cancel and returns the count (0 if it is not held). */
  countCancelAttempt(offer: string, confirmationId: string): Effect.Effect<number>
  /** Releases the offer if `confirmationId` holds it (a late release never frees someone else's hold). */
  release(offer: string, confirmationId: string): Effect.Effect<void>
}>()("@offerops/slackbot/OfferHolds") {
  /** In the bot's database: the offer is the primary key, so the insert is the lock. */
  static readonly layerSql: Layer.Layer<OfferHolds, never, SqlClient.SqlClient> = Layer.effect(
    OfferHolds,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      return OfferHolds.of({
        claim: Effect.fn("OfferHolds.claim")(function*(hold) {
          const now = yield* Clock.currentTimeMillis
          const inserted = yield* sql`
            INSERT INTO offerops_offer_holds ${
            sql.insert({ offer: hold.offer, held_by: hold.by, confirmation_id: hold.confirmationId, since: now })
          }
            ON CONFLICT (offer) DO NOTHING RETURNING offer`.pipe(Effect.orDie)
          if (inserted.length > 0) return
          const holder = yield* sql<{ readonly held_by: string; readonly since: number | string }>`
            SELECT held_by, since FROM offerops_offer_holds WHERE offer = ${hold.offer}`.pipe(Effect.orDie)
          return yield* new CancelInFlight({
            offer: hold.offer,
            by: holder[0]?.held_by ?? "someone",
            since: Number(holder[0]?.since ?? now)
          })
        }),
        countCancelAttempt: (offer, confirmationId) =>
          sql<{ readonly cancel_attempts: number | string }>`
            UPDATE offerops_offer_holds SET cancel_attempts = cancel_attempts + 1
            WHERE offer = ${offer} AND confirmation_id = ${confirmationId}
            RETURNING cancel_attempts`.pipe(
            Effect.map((rows) => Number(rows[0]?.cancel_attempts ?? 0)),
            Effect.orDie
          ),
        release: (offer, confirmationId) =>
          sql`DELETE FROM offerops_offer_holds WHERE offer = ${offer} AND confirmation_id = ${confirmationId}`.pipe(
            Effect.asVoid,
            Effect.orDie,
            Effect.withSpan("OfferHolds.release")
          )
      })
    })
  )

  /** In this process only, for tests. */
  static readonly layerMemory: Layer.Layer<OfferHolds> = Layer.sync(OfferHolds, () => {
    const held = new Map<string, Hold & { readonly since: number; attempts: number }>()
    return OfferHolds.of({
      claim: (hold) =>
        Clock.currentTimeMillis.pipe(Effect.flatMap((now) => {
          const holder = held.get(hold.offer)
          if (holder !== undefined) return Effect.fail(new CancelInFlight({ offer: hold.offer, by: holder.by, since: holder.since }))
          held.set(hold.offer, { ...hold, since: now, attempts: 0 })
          return Effect.void
        })),
      countCancelAttempt: (offer, confirmationId) =>
        Effect.sync(() => {
          const hold = held.get(offer)
          if (hold?.confirmationId !== confirmationId) return 0
          hold.attempts += 1
          return hold.attempts
        }),
      release: (offer, confirmationId) =>
        Effect.sync(() => {
          if (held.get(offer)?.confirmationId === confirmationId) held.delete(offer)
        })
    })
  })
}
