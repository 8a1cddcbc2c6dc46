/**
 * One cancel per offer: a confirmed cancel holds its offer until its workflow releases it, so a
 * second confirm for the same offer is refused, on any replica, across restarts. A hold whose
 * workflow never started (the bot died between the claim and the start) is taken over by the next
 * confirm once it is `staleAfter` old; a workflow that starts after that finds its hold gone and
 * cancels nothing.
 */
import { Clock, Context, Duration, Effect, Layer, Schema } from "effect"
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

/**
 * How old an unstarted hold must be before another confirm may take it over: a workflow starts
 * within milliseconds of its claim, or after a restart or a replica's takeover.
 */
export const staleAfter = Duration.minutes(2)

export class OfferHolds extends Context.Service<OfferHolds, {
  /**
   * Holds the offer for one cancel; a second claim fails with CancelInFlight until it is released,
   * unless the hold's workflow never started and the hold is `staleAfter` old.
   */
  claim(hold: Hold): Effect.Effect<void, CancelInFlight>
  /** The hold's workflow has started: from now on only it releases the hold. Fails if another took it over. */
  start(offer: string, confirmationId: string): Effect.Effect<void, CancelInFlight>
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
      const inFlight = (offer: string, now: number) =>
        sql<{ readonly held_by: string; readonly since: number | string }>`
          SELECT held_by, since FROM offerops_offer_holds WHERE offer = ${offer}`.pipe(
          Effect.orDie,
          Effect.flatMap((holder) =>
            Effect.fail(new CancelInFlight({ offer, by: holder[0]?.held_by ?? "someone", since: Number(holder[0]?.since ?? now) }))
          )
        )
      return OfferHolds.of({
        claim: Effect.fn("OfferHolds.claim")(function*(hold) {
          const now = yield* Clock.currentTimeMillis
          // One statement, so two confirms cannot both take over the same stale hold.
          const claimed = yield* sql`
            INSERT INTO offerops_offer_holds ${
            sql.insert({ offer: hold.offer, held_by: hold.by, confirmation_id: hold.confirmationId, since: now })
          }
            ON CONFLICT (offer) DO UPDATE SET held_by = excluded.held_by, confirmation_id = excluded.confirmation_id,
              since = excluded.since, cancel_attempts = 0, started_at = NULL
            WHERE offerops_offer_holds.started_at IS NULL
              AND offerops_offer_holds.since < ${now - Duration.toMillis(staleAfter)}
            RETURNING offer`.pipe(Effect.orDie)
          if (claimed.length > 0) return
          return yield* inFlight(hold.offer, now)
        }),
        start: Effect.fn("OfferHolds.start")(function*(offer, confirmationId) {
          const now = yield* Clock.currentTimeMillis
          const started = yield* sql`
            UPDATE offerops_offer_holds SET started_at = ${now}
            WHERE offer = ${offer} AND confirmation_id = ${confirmationId}
            RETURNING offer`.pipe(Effect.orDie)
          if (started.length > 0) return
          return yield* inFlight(offer, now)
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
    const held = new Map<string, Hold & { readonly since: number; attempts: number; started: boolean }>()
    const busy = (offer: string, now: number) => {
      const holder = held.get(offer)
      return new CancelInFlight({ offer, by: holder?.by ?? "someone", since: holder?.since ?? now })
    }
    return OfferHolds.of({
      claim: (hold) =>
        Clock.currentTimeMillis.pipe(Effect.flatMap((now) => {
          const holder = held.get(hold.offer)
          if (holder !== undefined && (holder.started || holder.since >= now - Duration.toMillis(staleAfter))) {
            return Effect.fail(busy(hold.offer, now))
          }
          held.set(hold.offer, { ...hold, since: now, attempts: 0, started: false })
          return Effect.void
        })),
      start: (offer, confirmationId) =>
        Clock.currentTimeMillis.pipe(Effect.flatMap((now) => {
          const hold = held.get(offer)
          if (hold?.confirmationId !== confirmationId) return Effect.fail(busy(offer, now))
          hold.started = true
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
