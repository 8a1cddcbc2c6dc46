import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import { ConfirmationStore } from "../src/ConfirmationStore.ts"

const request = {
  requester: "U0ALICE",
  channel: "C0OPS",
  offer: "contoso/vm",
  operationId: "op-1",
  operationType: "publish",
  emails: ["ops@contoso.com"]
}

const lines: Array<string> = []
const store = ConfirmationStore.layerMemory({ ttl: Duration.minutes(10), write: (line) => lines.push(line), trailSize: 3 })

describe("ConfirmationStore (memory)", () => {
  it.effect("gives a confirmation once: a second take is refused as used", () =>
    Effect.gen(function*() {
      const confirmations = yield* ConfirmationStore
      const issued = yield* confirmations.issue(request)
      assert.match(issued.id, /^[0-9a-f-]{36}$/)
      assert.deepStrictEqual(yield* confirmations.peek(issued.id), issued)
      assert.deepStrictEqual(yield* confirmations.take(issued.id), issued)
      const again = yield* Effect.flip(confirmations.take(issued.id))
      assert.strictEqual(again._tag, "ConfirmationUsed")
      const peek = yield* Effect.flip(confirmations.peek(issued.id))
      assert.strictEqual(peek._tag, "ConfirmationUsed")
    }).pipe(Effect.provide(store)))

  it.effect("expires a confirmation after its ttl, by the Clock", () =>
    Effect.gen(function*() {
      const confirmations = yield* ConfirmationStore
      const issued = yield* confirmations.issue(request)
      yield* TestClock.adjust(Duration.minutes(9))
      assert.strictEqual((yield* confirmations.peek(issued.id)).id, issued.id)
      yield* TestClock.adjust(Duration.minutes(1))
      const expired = yield* Effect.flip(confirmations.take(issued.id))
      assert.deepStrictEqual([expired._tag, "offer" in expired ? expired.offer : ""], ["ConfirmationExpired", "contoso/vm"])
    }).pipe(Effect.provide(store)))

  it.effect("does not know an id it never issued", () =>
    Effect.gen(function*() {
      const confirmations = yield* ConfirmationStore
      const unknown = yield* Effect.flip(confirmations.take("forged"))
      assert.strictEqual(unknown._tag, "ConfirmationUnknown")
    }).pipe(Effect.provide(store)))

  it.effect("holds one cancel per offer until it is released", () =>
    Effect.gen(function*() {
      const confirmations = yield* ConfirmationStore
      yield* confirmations.claimOffer("contoso/vm", "U0ALICE")
      yield* confirmations.claimOffer("contoso/other", "U0BOB")
      const second = yield* Effect.flip(confirmations.claimOffer("contoso/vm", "U0BOB"))
      assert.deepStrictEqual([second._tag, second.by], ["CancelInFlight", "U0ALICE"])
      yield* confirmations.releaseOffer("contoso/vm")
      yield* confirmations.claimOffer("contoso/vm", "U0BOB")
    }).pipe(Effect.provide(store)))

  it.effect("writes each audit event as one JSON line and keeps a bounded trail", () =>
    Effect.gen(function*() {
      lines.length = 0
      const confirmations = yield* ConfirmationStore
      for (const result of ["a", "b", "c", "d"]) {
        yield* confirmations.audit({ event: "refusal", who: "U0ALICE", where: "C0OPS", result, durationMs: 5 })
      }
      assert.strictEqual(lines.length, 4)
      assert.deepStrictEqual(JSON.parse(lines[0] ?? ""), {
        at: "1970-01-01T00:00:00.000Z",
        audit: true,
        event: "refusal",
        who: "U0ALICE",
        where: "C0OPS",
        result: "a",
        durationMs: 5
      })
      assert.deepStrictEqual((yield* confirmations.trail).map((record) => record.result), ["b", "c", "d"])
    }).pipe(Effect.provide(store)))
})
