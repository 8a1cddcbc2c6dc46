/**
 * Which channels watch which offers (`/cancel-offer watch`), who added each and when, and whether it
 * is paused because the service stopped letting the bot read the offer (403/404). Kept in the bot's
 * database, so a restart, an upgrade or another replica sees the same subscriptions.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"

export interface Subscription {
  readonly channel: string
  /** The offer reference as the core printed it (`publisherId/offerId`, or any form the core accepts). */
  readonly offer: string
  readonly addedBy: string
  readonly addedAt: number
  /** Set while the offer answers 403/404: the watcher skips it until someone watches it again. */
  readonly pausedAt?: number | undefined
  readonly pausedReason?: string | undefined
}

/** What `watch` did: a new subscription, a paused one resumed, or one that was already there. */
export type Watched = "added" | "resumed" | "already"

interface Row {
  readonly channel: string
  readonly offer: string
  readonly added_by: string
  readonly added_at: number | string
  readonly paused_at: number | string | null
  readonly paused_reason: string | null
}

const fromRow = (row: Row): Subscription => ({
  channel: row.channel,
  offer: row.offer,
  addedBy: row.added_by,
  addedAt: Number(row.added_at),
  pausedAt: row.paused_at === null ? undefined : Number(row.paused_at),
  pausedReason: row.paused_reason ?? undefined
})

export class Subscriptions extends Context.Service<Subscriptions, {
  /** Subscribes the channel to the offer (or resumes a paused subscription). */
  watch(input: { readonly channel: string; readonly offer: string; readonly by: string }): Effect.Effect<Watched>
  /** Ends the channel's subscription; false when there was none. */
  unwatch(channel: string, offer: string): Effect.Effect<boolean>
  /** The channel's subscriptions, oldest first. */
  ofChannel(channel: string): Effect.Effect<ReadonlyArray<Subscription>>
  /** Every subscription, paused ones included. */
  all: Effect.Effect<ReadonlyArray<Subscription>>
  /** Pauses the subscription; true only for the call that paused it, so the channel is told once. */
  pause(channel: string, offer: string, reason: string): Effect.Effect<boolean>
  /** Ends every subscription of a channel the bot can no longer post in, and returns them. */
  endChannel(channel: string): Effect.Effect<ReadonlyArray<Subscription>>
}>()("@offerops/slackbot/Subscriptions") {
  static readonly layerSql: Layer.Layer<Subscriptions, never, SqlClient.SqlClient> = Layer.effect(
    Subscriptions,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      return Subscriptions.of({
        watch: Effect.fn("Subscriptions.watch")(function*({ channel, offer, by }) {
          const now = yield* Clock.currentTimeMillis
          const before = yield* sql<Row>`SELECT * FROM offerops_subscriptions WHERE channel = ${channel} AND offer = ${offer}`
          if (before[0] !== undefined && before[0].paused_at === null) return "already" as const
          // Added or resumed: the one who does it, now, is who the list shows.
          yield* sql`INSERT INTO offerops_subscriptions ${sql.insert({ channel, offer, added_by: by, added_at: now })}
            ON CONFLICT (channel, offer) DO UPDATE SET added_by = excluded.added_by, added_at = excluded.added_at,
              paused_at = NULL, paused_reason = NULL`
          return before[0] === undefined ? "added" as const : "resumed" as const
        }, Effect.orDie),
        unwatch: (channel, offer) =>
          sql`DELETE FROM offerops_subscriptions WHERE channel = ${channel} AND offer = ${offer} RETURNING offer`.pipe(
            Effect.map((rows) => rows.length > 0),
            Effect.orDie
          ),
        ofChannel: (channel) =>
          sql<Row>`SELECT * FROM offerops_subscriptions WHERE channel = ${channel} ORDER BY added_at, offer`.pipe(
            Effect.map((rows) => rows.map(fromRow)),
            Effect.orDie
          ),
        all: sql<Row>`SELECT * FROM offerops_subscriptions ORDER BY offer, channel`.pipe(
          Effect.map((rows) => rows.map(fromRow)),
          Effect.orDie
        ),
        pause: (channel, offer, reason) =>
          Clock.currentTimeMillis.pipe(
            Effect.flatMap((now) =>
              sql`UPDATE offerops_subscriptions SET paused_at = ${now}, paused_reason = ${reason.slice(0, 200)}
                WHERE channel = ${channel} AND offer = ${offer} AND paused_at IS NULL RETURNING offer`
            ),
            Effect.map((rows) => rows.length > 0),
            Effect.orDie
          ),
        endChannel: (channel) =>
          sql<Row>`DELETE FROM offerops_subscriptions WHERE channel = ${channel} RETURNING *`.pipe(
            Effect.map((rows) => rows.map(fromRow)),
            Effect.orDie
          )
      })
    })
  )

  /** In this process only, for tests. */
  static readonly layerMemory: Layer.Layer<Subscriptions> = Layer.sync(Subscriptions, () => {
    const rows = new Map<string, Subscription>()
    const key = (channel: string, offer: string) => `${channel}\n${offer}`
    const sorted = () => [...rows.values()].sort((a, b) => a.addedAt - b.addedAt)
    return Subscriptions.of({
      watch: ({ channel, offer, by }) =>
        Clock.currentTimeMillis.pipe(Effect.map((now) => {
          const before = rows.get(key(channel, offer))
          if (before !== undefined && before.pausedAt === undefined) return "already" as const
          rows.set(key(channel, offer), { channel, offer, addedBy: by, addedAt: now })
          return before === undefined ? "added" as const : "resumed" as const
        })),
      unwatch: (channel, offer) => Effect.sync(() => rows.delete(key(channel, offer))),
      ofChannel: (channel) => Effect.sync(() => sorted().filter((s) => s.channel === channel)),
      all: Effect.sync(sorted),
      pause: (channel, offer, reason) =>
        Clock.currentTimeMillis.pipe(Effect.map((now) => {
          const row = rows.get(key(channel, offer))
          if (row === undefined || row.pausedAt !== undefined) return false
          rows.set(key(channel, offer), { ...row, pausedAt: now, pausedReason: reason })
          return true
        })),
      endChannel: (channel) =>
        Effect.sync(() => {
          const ended = sorted().filter((s) => s.channel === channel)
          for (const s of ended) rows.delete(key(channel, s.offer))
          return ended
        })
    })
  })
}
