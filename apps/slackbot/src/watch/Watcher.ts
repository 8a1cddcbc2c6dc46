/**
 * The one watcher of every watched offer: an effect/cluster singleton, so however many replicas run,
 * one of them reads the offers at a time, and when it dies (its shard locks lapse) another takes the
 * singleton over and goes on from the database. Each offer is read every `OFFEROPS_WATCH_SECONDS`;
 * all reads together stay under `OFFEROPS_WATCH_REQUESTS_PER_MINUTE` (a read waits for its turn, so
 * the interval stretches rather than the bound), and a server's Retry-After holds them all back.
 * An offer that answers 403/404 is paused with one message in each watching channel.
 */
import { Backends, CppClient, type HttpFailure, type InvalidInput } from "@offerops/core"
import { Cause, Clock, Duration, Effect } from "effect"
import { Singleton } from "effect/cluster"
import { Readers } from "../Readers.ts"
import { AuditLog } from "../store/AuditLog.ts"
import { type Subscription, Subscriptions } from "../store/Subscriptions.ts"
import { ChannelSlack } from "./ChannelSlack.ts"
import { makeMinuteBudget, type MinuteBudget } from "./MinuteBudget.ts"
import { onSlackFailure, type WatchContext, watchOffer } from "./WatchOffer.ts"
import * as WatchMessages from "./WatchMessages.ts"
import type { WatchSettings } from "./WatchSettings.ts"

/** New subscriptions are noticed at least this often (or every interval, if shorter). */
const subscriptionCheck = Duration.seconds(5)
/** A Retry-After is honoured up to this long; a longer wish is an absurd one. */
const maxHold = Duration.hours(1)

/** The core's client with every call counted against the budget first. */
const budgeted = (budget: MinuteBudget) =>
  CppClient.use((client) =>
    Effect.succeed(CppClient.of({
      ...client,
      listSubmissions: (offer, options) => budget.take.pipe(Effect.andThen(client.listSubmissions(offer, options))),
      getOperation: (target) => budget.take.pipe(Effect.andThen(client.getOperation(target))),
      pollOperation: (location) => budget.take.pipe(Effect.andThen(client.pollOperation(location)))
    }))
  )

/**
 * #18: the other APIs' "what runs" reads counted the same way (a read of a location already goes
 * through the client above, which routes it to its API).
 */
const budgetedBackends = (budget: MinuteBudget) =>
  Backends.use((backends) =>
    Effect.succeed(Backends.of({
      ...backends,
      forReference: (reference) => {
        const backend = backends.forReference(reference)
        return { ...backend, running: (named) => budget.take.pipe(Effect.andThen(backend.running(named))) }
      }
    }))
  )

/** 403/404: the bot may not (or can no longer) read the offer; polling it again would not help. */
const pause = Effect.fn("watch.pause")(function*(team: WatchContext["team"], offer: string, subscriptions: ReadonlyArray<Subscription>, reason: string) {
  for (const subscription of subscriptions) {
    const first = yield* Subscriptions.use((s) => s.pause(subscription.channel, offer, reason))
    if (!first) continue
    yield* AuditLog.use((log) =>
      log.record({ event: "watch", who: WatchMessages.watcherName, where: subscription.channel, offer, result: `paused:${reason}` })
    )
    const posted = yield* Effect.result(ChannelSlack.use((slack) => slack.post(subscription.channel, WatchMessages.paused(team, offer, reason))))
    if (posted._tag === "Failure") yield* onSlackFailure(posted.failure, "pause note")
  }
})

/** Reads one offer; returns how long until it may be read again, at the earliest. */
const readOnce = (context: WatchContext, requests: MinuteBudget, offer: string, subscriptions: ReadonlyArray<Subscription>) =>
  watchOffer(context, offer, subscriptions).pipe(
    Effect.as(Duration.toMillis(context.settings.interval)),
    Effect.catch((error: HttpFailure | InvalidInput) =>
      Effect.gen(function*() {
        const interval = Duration.toMillis(context.settings.interval)
        switch (error._tag) {
          case "Forbidden":
          case "NotFound":
            yield* pause(context.team, offer, subscriptions, `${error.status} ${error._tag}`)
            return interval
          case "Unavailable": {
            const wish = Math.min(error.retryAfterMillis ?? 0, Duration.toMillis(maxHold))
            if (wish > 0) requests.holdUntil((yield* Clock.currentTimeMillis) + wish)
            yield* Effect.logWarning(`watch: ${offer} unavailable (${error.status ?? error.unreachable ?? "no answer"}); next read in ${Math.max(wish, interval)} ms`)
            return Math.max(wish, interval)
          }
          default:
            yield* Effect.logWarning(`watch: cannot read ${offer}: ${error._tag}: ${error.message}`)
            return interval
        }
      })
    ),
    // Whatever else goes wrong with one offer, the others are still watched.
    Effect.catchCause((cause) => Effect.logError(`watch: ${offer}: ${Cause.pretty(cause)}`).pipe(Effect.as(Duration.toMillis(context.settings.interval))))
  )

/** The watcher's loop: forever, each turn bounded by the offers due and the budget; interruptible. */
export const watchAll = (settings: WatchSettings) =>
  Effect.gen(function*() {
    const requests = makeMinuteBudget(settings.requestsPerMinute)
    const context: WatchContext = { settings, edits: makeMinuteBudget(settings.editsPerMinute), team: (yield* Readers).team }
    const client = yield* budgeted(requests)
    const apis = yield* budgetedBackends(requests)
    const due = new Map<string, number>()
    // Said once there is something to watch (a bot that watches nothing prints nothing before its
    // ready line); after a takeover, the replica that took over says it.
    let announced = false
    while (true) {
      const all = yield* Subscriptions.use((s) => s.all).pipe(
        Effect.catchCause((cause) => Effect.logError(`watch: cannot read the subscriptions: ${Cause.pretty(cause)}`).pipe(Effect.as([])))
      )
      const byOffer = new Map<string, Array<Subscription>>()
      for (const subscription of all) {
        if (subscription.pausedAt === undefined) byOffer.set(subscription.offer, [...(byOffer.get(subscription.offer) ?? []), subscription])
      }
      for (const offer of [...due.keys()]) if (!byOffer.has(offer)) due.delete(offer)
      if (!announced && byOffer.size > 0) {
        announced = true
        yield* Effect.logInfo("watching the subscribed offers on this replica")
      }
      const now = yield* Clock.currentTimeMillis
      const next = [...byOffer.keys()].filter((offer) => (due.get(offer) ?? 0) <= now).sort((a, b) => (due.get(a) ?? 0) - (due.get(b) ?? 0))
      for (const offer of next) {
        const started = yield* Clock.currentTimeMillis
        const wait = yield* readOnce(context, requests, offer, byOffer.get(offer) ?? []).pipe(
          Effect.provideService(CppClient, client),
          Effect.provideService(Backends, apis)
        )
        due.set(offer, started + wait)
      }
      const after = yield* Clock.currentTimeMillis
      const check = Math.min(Duration.toMillis(subscriptionCheck), Duration.toMillis(settings.interval))
      const soonest = Math.min(after + check, ...due.values())
      yield* Effect.sleep(Math.max(soonest - after, 100))
    }
  })

/** The watcher as the cluster's singleton: started on the replica that owns its shard, moved when that one dies. */
export const layerWatcher = (settings: WatchSettings) => Singleton.make("offerops-watcher", watchAll(settings))
