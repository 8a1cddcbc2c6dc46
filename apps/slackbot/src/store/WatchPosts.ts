/**
 * What a watching channel was shown about each operation: the claim that makes a start posted once
 * (taken before the post, by an insert on the operation's key), the message's `ts` to edit, the step
 * last shown and since when, whether its reminder went out, and whether the end was posted. Every
 * "once" here is a conditional write, so restarts, replicas and repeated polls cannot post twice.
 */
import { Clock, Context, Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"

export interface PostKey {
  readonly channel: string
  readonly offer: string
  readonly operationId: string
}

export interface WatchPost extends PostKey {
  /** Where the operation is read again (its absolute URL, whichever API it lives behind). */
  readonly location: string
  /** The slot or target the operation runs to, as the running read named it (the end's read may not). */
  readonly target?: string | undefined
  /** The start message, once Slack said where it is; absent when the post failed or was cut off. */
  readonly ts?: string | undefined
  /** What the message shows now (Progress's key), so an unchanged poll edits nothing. */
  readonly shown?: string | undefined
  /** The step being worked on, and since when the watcher has seen it there. */
  readonly step?: string | undefined
  readonly stepSince?: number | undefined
}

interface Row {
  readonly channel: string
  readonly offer: string
  readonly operation_id: string
  readonly location: string
  readonly target: string | null
  readonly ts: string | null
  readonly shown: string | null
  readonly step: string | null
  readonly step_since: number | string | null
}

const fromRow = (row: Row): WatchPost => ({
  channel: row.channel,
  offer: row.offer,
  operationId: row.operation_id,
  location: row.location,
  target: row.target ?? undefined,
  ts: row.ts ?? undefined,
  shown: row.shown ?? undefined,
  step: row.step ?? undefined,
  stepSince: row.step_since === null ? undefined : Number(row.step_since)
})

export class WatchPosts extends Context.Service<WatchPosts, {
  /** Claims the start of an operation for a channel: true once, for whoever is to post it. */
  claim(key: PostKey, where: { readonly location: string; readonly target: string | undefined }): Effect.Effect<boolean>
  /** Gives a claim back when Slack refused the post, so the next poll posts it. */
  unclaim(key: PostKey): Effect.Effect<void>
  posted(key: PostKey, ts: string): Effect.Effect<void>
  /** The operations shown in channels still subscribed to the offer that have not ended there. */
  open(offer: string): Effect.Effect<ReadonlyArray<WatchPost>>
  /**
   * Records the step seen now (its `since` changes only with the step) and, when the message was
   * edited, what it shows.
   */
  seen(key: PostKey, step: string, at: number, shown: string | undefined): Effect.Effect<void>
  /** Claims the one reminder for a step: true once per step of an operation in a channel. */
  claimReminder(key: PostKey, step: string): Effect.Effect<boolean>
  /** Claims the end: true once, for whoever is to post it. */
  claimEnd(key: PostKey): Effect.Effect<boolean>
}>()("@offerops/slackbot/WatchPosts") {
  static readonly layerSql: Layer.Layer<WatchPosts, never, SqlClient.SqlClient> = Layer.effect(
    WatchPosts,
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const where = (key: PostKey) =>
        sql`channel = ${key.channel} AND offer = ${key.offer} AND operation_id = ${key.operationId}`
      return WatchPosts.of({
        claim: (key, { location, target }) =>
          Clock.currentTimeMillis.pipe(
            Effect.flatMap((now) =>
              sql`INSERT INTO offerops_watch_posts ${
                sql.insert({ channel: key.channel, offer: key.offer, operation_id: key.operationId,
                  location,
                  target: target ?? null,
                  claimed_at: now })
              } ON CONFLICT (channel, offer, operation_id) DO NOTHING RETURNING operation_id`
            ),
            Effect.map((rows) => rows.length > 0),
            Effect.orDie
          ),
        unclaim: (key) => sql`DELETE FROM offerops_watch_posts WHERE ${where(key)} AND ts IS NULL`.pipe(Effect.asVoid, Effect.orDie),
        posted: (key, ts) => sql`UPDATE offerops_watch_posts SET ts = ${ts} WHERE ${where(key)}`.pipe(Effect.asVoid, Effect.orDie),
        open: (offer) =>
          sql<Row>`SELECT p.* FROM offerops_watch_posts p
            JOIN offerops_subscriptions s ON s.channel = p.channel AND s.offer = p.offer
            WHERE p.offer = ${offer} AND p.ended_at IS NULL AND s.paused_at IS NULL
            ORDER BY p.claimed_at`.pipe(Effect.map((rows) => rows.map(fromRow)), Effect.orDie),
        seen: (key, step, at, shown) =>
          sql`UPDATE offerops_watch_posts SET shown = COALESCE(${shown ?? null}, shown),
            step_since = CASE WHEN step = ${step} THEN step_since ELSE ${at} END, step = ${step}
            WHERE ${where(key)}`.pipe(Effect.asVoid, Effect.orDie),
        claimReminder: (key, step) =>
          sql`UPDATE offerops_watch_posts SET reminded_step = ${step}
            WHERE ${where(key)} AND (reminded_step IS NULL OR reminded_step <> ${step}) RETURNING operation_id`.pipe(
            Effect.map((rows) => rows.length > 0),
            Effect.orDie
          ),
        claimEnd: (key) =>
          Clock.currentTimeMillis.pipe(
            Effect.flatMap((now) =>
              sql`UPDATE offerops_watch_posts SET ended_at = ${now} WHERE ${where(key)} AND ended_at IS NULL RETURNING operation_id`
            ),
            Effect.map((rows) => rows.length > 0),
            Effect.orDie
          )
      })
    })
  )
}
