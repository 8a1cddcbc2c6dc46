import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AuditLog } from "../../src/store/AuditLog.ts"
import { Confirmations } from "../../src/store/Confirmations.ts"
import { layerDatabase } from "../../src/store/Database.ts"
import { OfferHolds, staleAfter } from "../../src/store/OfferHolds.ts"

const request = {
  requester: "U0ALICE",
  channel: "C0OPS",
  offer: "contoso/vm",
  operationId: "op-1",
  operationType: "publish",
  emails: ["ops@contoso.com"]
}

const lines: Array<string> = []

type Stores = Confirmations | OfferHolds | AuditLog

const memory: Layer.Layer<Stores> = Layer.mergeAll(
  Confirmations.layerMemory({ ttl: Duration.minutes(10) }),
  OfferHolds.layerMemory,
  AuditLog.layerMemory({ write: (line) => lines.push(line) })
)

// A fresh SQLite file per test: the SQL layers behave as the memory ones.
const sqlite = (): Layer.Layer<Stores, unknown> =>
  Layer.mergeAll(
    Confirmations.layerSql({ ttl: Duration.minutes(10) }),
    OfferHolds.layerSql,
    AuditLog.layerSql({ write: (line) => lines.push(line), retention: Duration.days(30) })
  ).pipe(Layer.provide(layerDatabase({ _tag: "Sqlite", filename: join(mkdtempSync(join(tmpdir(), "slackbot-store-")), "bot.sqlite") })))

for (const [name, layer] of [["memory", () => memory], ["sqlite", sqlite]] as const) {
  describe(`stores (${name})`, () => {
    it.effect("gives a confirmation once: a second take is refused as used", () =>
      Effect.gen(function*() {
        const confirmations = yield* Confirmations
        const issued = yield* confirmations.issue(request)
        assert.match(issued.id, /^[0-9a-f-]{36}$/)
        assert.deepStrictEqual(yield* confirmations.peek(issued.id), issued)
        assert.deepStrictEqual(yield* confirmations.take(issued.id), issued)
        const again = yield* Effect.flip(confirmations.take(issued.id))
        assert.deepStrictEqual([again._tag, "offer" in again ? again.offer : ""], ["ConfirmationUsed", "contoso/vm"])
        const peek = yield* Effect.flip(confirmations.peek(issued.id))
        assert.strictEqual(peek._tag, "ConfirmationUsed")
      }).pipe(Effect.provide(layer())))

    it.effect("of two simultaneous takes exactly one wins", () =>
      Effect.gen(function*() {
        const confirmations = yield* Confirmations
        const issued = yield* confirmations.issue(request)
        const results = yield* Effect.all(
          Array.from({ length: 5 }, () => Effect.result(confirmations.take(issued.id))),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(results.filter((result) => result._tag === "Success").length, 1)
      }).pipe(Effect.provide(layer())))

    it.effect("expires a confirmation after its ttl and still names its offer", () =>
      Effect.gen(function*() {
        const confirmations = yield* Confirmations
        const issued = yield* confirmations.issue(request)
        yield* TestClock.adjust(Duration.minutes(9))
        assert.strictEqual((yield* confirmations.peek(issued.id)).id, issued.id)
        yield* TestClock.adjust(Duration.minutes(1))
        const expired = yield* Effect.flip(confirmations.take(issued.id))
        assert.deepStrictEqual([expired._tag, "offer" in expired ? expired.offer : ""], ["ConfirmationExpired", "contoso/vm"])
      }).pipe(Effect.provide(layer())))

    it.effect("does not know an id it never issued", () =>
      Effect.gen(function*() {
        const unknown = yield* Effect.flip((yield* Confirmations).take("forged"))
        assert.strictEqual(unknown._tag, "ConfirmationUnknown")
      }).pipe(Effect.provide(layer())))

    it.effect("holds one cancel per offer until its own confirmation releases it", () =>
      Effect.gen(function*() {
        const holds = yield* OfferHolds
        yield* holds.claim({ offer: "contoso/vm", by: "U0ALICE", confirmationId: "c1" })
        yield* holds.claim({ offer: "contoso/other", by: "U0BOB", confirmationId: "c2" })
        const second = yield* Effect.flip(holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c3" }))
        assert.deepStrictEqual([second._tag, second.by], ["CancelInFlight", "U0ALICE"])
        assert.deepStrictEqual(
          [yield* holds.countCancelAttempt("contoso/vm", "c1"), yield* holds.countCancelAttempt("contoso/vm", "c1")],
          [1, 2]
        )
        assert.strictEqual(yield* holds.countCancelAttempt("contoso/vm", "c3"), 0)
        yield* holds.release("contoso/vm", "c3")
        assert.strictEqual((yield* Effect.flip(holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c3" })))._tag, "CancelInFlight")
        yield* holds.release("contoso/vm", "c1")
        yield* holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c3" })
      }).pipe(Effect.provide(layer())))

    it.effect("takes over a hold whose workflow never started once it is stale, never a started one", () =>
      Effect.gen(function*() {
        const holds = yield* OfferHolds
        // The bot died between the claim and the workflow's start: nobody would release this hold.
        yield* holds.claim({ offer: "contoso/vm", by: "U0ALICE", confirmationId: "c1" })
        yield* TestClock.adjust(Duration.minutes(1))
        const early = yield* Effect.flip(holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c2" }))
        assert.deepStrictEqual([early._tag, early.by], ["CancelInFlight", "U0ALICE"])
        yield* TestClock.adjust(staleAfter)
        yield* holds.claim({ offer: "contoso/vm", by: "U0BOB", confirmationId: "c2" })
        // c1's workflow, starting late after all, finds the offer held by c2's and cancels nothing.
        const late = yield* Effect.flip(holds.start("contoso/vm", "c1"))
        assert.deepStrictEqual([late._tag, late.by], ["CancelInFlight", "U0BOB"])
        assert.strictEqual(yield* holds.countCancelAttempt("contoso/vm", "c1"), 0)
        yield* holds.start("contoso/vm", "c2")
        // A started hold is released by its workflow alone, however long the cancel takes.
        yield* TestClock.adjust(Duration.hours(3))
        const third = yield* Effect.flip(holds.claim({ offer: "contoso/vm", by: "U0CAROL", confirmationId: "c3" }))
        assert.deepStrictEqual([third._tag, third.by], ["CancelInFlight", "U0BOB"])
        yield* holds.release("contoso/vm", "c2")
        yield* holds.claim({ offer: "contoso/vm", by: "U0CAROL", confirmationId: "c3" })
      }).pipe(Effect.provide(layer())))

    it.effect("writes each audit event as one JSON line and keeps it for history", () =>
      Effect.gen(function*() {
        lines.length = 0
        const audit = yield* AuditLog
        for (const result of ["a", "b", "c"]) {
          yield* TestClock.adjust(Duration.seconds(1))
          yield* audit.record({ event: "outcome", who: "U0ALICE", where: "C0OPS", offer: "contoso/vm", result, durationMs: 5 })
        }
        yield* audit.record({ event: "refusal", who: "U0BOB", where: "C0OPS", offer: "contoso/vm", result: "refused:NotAllowed" })
        assert.strictEqual(lines.length, 4)
        assert.deepStrictEqual(JSON.parse(lines[0] ?? ""), {
          at: "1970-01-01T00:00:01.000Z",
          audit: true,
          event: "outcome",
          who: "U0ALICE",
          where: "C0OPS",
          offer: "contoso/vm",
          result: "a",
          durationMs: 5
        })
        assert.deepStrictEqual((yield* audit.outcomes("contoso/vm", 2)).map((record) => record.result), ["c", "b"])
        assert.deepStrictEqual((yield* audit.recent(2)).map((record) => record.result), ["c", "refused:NotAllowed"])
      }).pipe(Effect.provide(layer())))
  })
}

describe("audit retention (sqlite)", () => {
  it.effect("drops rows older than the retention when the log starts", () =>
    Effect.gen(function*() {
      const database = layerDatabase({ _tag: "Sqlite", filename: join(mkdtempSync(join(tmpdir(), "slackbot-store-")), "bot.sqlite") })
      const log = (retention: Duration.Input) => AuditLog.layerSql({ write: () => {}, retention }).pipe(Layer.provide(database))
      yield* AuditLog.use((audit) => audit.record({ event: "status", who: "U0ALICE", where: "C0OPS", result: "idle" })).pipe(
        Effect.provide(log(Duration.days(1)))
      )
      yield* TestClock.adjust(Duration.days(2))
      const kept = yield* AuditLog.use((audit) => audit.recent(10)).pipe(Effect.provide(log(Duration.days(1))))
      assert.deepStrictEqual(kept, [])
    }))
})
