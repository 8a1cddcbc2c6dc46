/**
 * The bot's state behind one service — pending confirmations (single use, short-lived), cancels in
 * flight per offer, and the audit trail — so a durable, shared store can replace the in-memory one
 * without touching the listeners. Time comes from Clock, so tests drive expiry with TestClock.
 */
import { Clock, Context, Duration, Effect, Layer, Schema } from "effect"
import { randomUUID } from "node:crypto"
import { type AuditEvent, auditLine, type AuditRecord } from "./Audit.ts"

/** What a requester asked to cancel; a button carries only its `id`. */
export interface Confirmation {
  readonly id: string
  readonly requester: string
  readonly channel: string
  /** `publisherId/offerId`. */
  readonly offer: string
  /** The operation that was running when the confirmation was shown, and its type (publish, go-live). */
  readonly operationId: string
  readonly operationType: string | undefined
  readonly emails: ReadonlyArray<string>
  readonly createdAt: number
}

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

export class CancelInFlight extends Schema.TaggedError<CancelInFlight>()("CancelInFlight", {
  offer: Schema.String,
  by: Schema.String,
  since: Schema.Number
}) {}

export type ConfirmationRefused = ConfirmationUnknown | ConfirmationExpired | ConfirmationUsed

export class ConfirmationStore extends Context.Service<ConfirmationStore, {
  /** How long a confirmation stays usable. */
  readonly ttl: Duration.Duration
  /** Records a request and returns it with a fresh unguessable id. */
  issue(request: ConfirmationRequest): Effect.Effect<Confirmation>
  /** Reads a live confirmation without using it up (to check who may act on it first). */
  peek(id: string): Effect.Effect<Confirmation, ConfirmationRefused>
  /** Uses a confirmation up: the first caller gets it, every later one ConfirmationUsed. */
  take(id: string): Effect.Effect<Confirmation, ConfirmationRefused>
  /** Claims the offer for one cancel; a second claim fails until it is released. */
  claimOffer(offer: string, by: string): Effect.Effect<void, CancelInFlight>
  releaseOffer(offer: string): Effect.Effect<void>
  audit(event: AuditEvent): Effect.Effect<void>
  /** The most recent audit records, oldest first. */
  readonly trail: Effect.Effect<ReadonlyArray<AuditRecord>>
}>()("@offerops/slackbot/ConfirmationStore") {
  /** In this process only: enough for one bot instance; state is lost on restart. */
  static readonly layerMemory = (options: {
    readonly ttl?: Duration.Input
    /** Where audit lines go; stdout by default. */
    readonly write?: (line: string) => void
    readonly trailSize?: number
  } = {}): Layer.Layer<ConfirmationStore> =>
    Layer.sync(ConfirmationStore, () => {
      const lifetime = Duration.fromInputUnsafe(options.ttl ?? Duration.minutes(10))
      const ttl = Duration.toMillis(lifetime)
      const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`))
      const trailSize = options.trailSize ?? 1_000
      const pending = new Map<string, Confirmation>()
      // Used ids are kept until they would have expired, so a replay is told "already used".
      const used = new Map<string, Confirmation>()
      const inFlight = new Map<string, { readonly by: string; readonly since: number }>()
      const trail: Array<AuditRecord> = []

      const expired = (confirmation: Confirmation, now: number) => now - confirmation.createdAt >= ttl

      const purge = (now: number) => {
        // Pending ids are issued in time order, so the expired ones come first: stop at the first
        // live one instead of walking every pending confirmation on each command.
        for (const [id, confirmation] of pending) {
          if (!expired(confirmation, now)) break
          pending.delete(id)
        }
        for (const [id, confirmation] of used) if (expired(confirmation, now)) used.delete(id)
      }

      const live = (id: string, now: number): Effect.Effect<Confirmation, ConfirmationRefused> => {
        const confirmation = pending.get(id)
        if (confirmation === undefined) {
          const spent = used.get(id)
          return spent === undefined
            ? Effect.fail(new ConfirmationUnknown({ id }))
            : Effect.fail(new ConfirmationUsed({ id, offer: spent.offer }))
        }
        if (expired(confirmation, now)) {
          pending.delete(id)
          return Effect.fail(new ConfirmationExpired({ id, offer: confirmation.offer }))
        }
        return Effect.succeed(confirmation)
      }

      return ConfirmationStore.of({
        ttl: lifetime,
        issue: (request) =>
          Clock.currentTimeMillis.pipe(Effect.map((now) => {
            purge(now)
            const confirmation: Confirmation = { ...request, id: randomUUID(), createdAt: now }
            pending.set(confirmation.id, confirmation)
            return confirmation
          })),
        peek: (id) => Clock.currentTimeMillis.pipe(Effect.flatMap((now) => live(id, now))),
        take: (id) =>
          Clock.currentTimeMillis.pipe(
            Effect.flatMap((now) => live(id, now)),
            Effect.tap((confirmation) =>
              Effect.sync(() => {
                pending.delete(id)
                used.set(id, confirmation)
              })
            )
          ),
        claimOffer: (offer, by) =>
          Clock.currentTimeMillis.pipe(Effect.flatMap((now) => {
            const holder = inFlight.get(offer)
            if (holder !== undefined) return Effect.fail(new CancelInFlight({ offer, ...holder }))
            inFlight.set(offer, { by, since: now })
            return Effect.void
          })),
        releaseOffer: (offer) => Effect.sync(() => void inFlight.delete(offer)),
        audit: (event) =>
          Clock.currentTimeMillis.pipe(Effect.map((now) => {
            const line = auditLine(event, now)
            trail.push({ ...event, at: new Date(now).toISOString() })
            if (trail.length > trailSize) trail.splice(0, trail.length - trailSize)
            write(line)
          })),
        trail: Effect.sync(() => [...trail])
      })
    })
}
