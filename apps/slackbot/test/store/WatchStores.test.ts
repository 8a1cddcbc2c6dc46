/** The subscription and watch-post stores on SQLite (the memory subscriptions too): every "once" is once. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { layerDatabase } from "../../src/store/Database.ts"
import { Subscriptions } from "../../src/store/Subscriptions.ts"
import { WatchPosts } from "../../src/store/WatchPosts.ts"

const sqlite = () =>
  Layer.mergeAll(Subscriptions.layerSql, WatchPosts.layerSql).pipe(
    Layer.provide(layerDatabase({ _tag: "Sqlite", filename: join(mkdtempSync(join(tmpdir(), "slackbot-watch-store-")), "bot.sqlite") }))
  )

for (const [name, layer] of [["sqlite", sqlite], ["memory", () => Layer.merge(Subscriptions.layerMemory, sqlite())]] as const) {
  describe(`subscriptions (${name})`, () => {
    it.effect("adds, lists, pauses once, resumes and ends a channel's subscriptions", () =>
      Effect.gen(function*() {
        const subscriptions = yield* Subscriptions
        assert.strictEqual(yield* subscriptions.watch({ channel: "C1", offer: "contoso/a", by: "U1" }), "added")
        yield* TestClock.adjust(1_000)
        assert.strictEqual(yield* subscriptions.watch({ channel: "C1", offer: "contoso/b", by: "U2" }), "added")
        assert.strictEqual(yield* subscriptions.watch({ channel: "C1", offer: "contoso/a", by: "U3" }), "already")
        assert.strictEqual(yield* subscriptions.watch({ channel: "C2", offer: "contoso/a", by: "U1" }), "added")
        const listed = yield* subscriptions.ofChannel("C1")
        assert.deepStrictEqual(listed.map((s) => [s.offer, s.addedBy, s.addedAt]), [["contoso/a", "U1", 0], ["contoso/b", "U2", 1_000]])
        assert.isTrue(yield* subscriptions.pause("C1", "contoso/a", "403 Forbidden"))
        assert.isFalse(yield* subscriptions.pause("C1", "contoso/a", "403 Forbidden"))
        assert.strictEqual((yield* subscriptions.ofChannel("C1"))[0]?.pausedReason, "403 Forbidden")
        assert.strictEqual(yield* subscriptions.watch({ channel: "C1", offer: "contoso/a", by: "U3" }), "resumed")
        assert.isUndefined((yield* subscriptions.all).find((s) => s.channel === "C1" && s.offer === "contoso/a")?.pausedAt)
        assert.deepStrictEqual((yield* subscriptions.endChannel("C1")).map((s) => s.offer).sort(), ["contoso/a", "contoso/b"])
        assert.deepStrictEqual((yield* subscriptions.all).map((s) => s.channel), ["C2"])
        assert.isTrue(yield* subscriptions.unwatch("C2", "contoso/a"))
        assert.isFalse(yield* subscriptions.unwatch("C2", "contoso/a"))
      }).pipe(Effect.provide(layer())))
  })
}

describe("watch posts", () => {
  it.effect("claims a start, a step's reminder and an end once each, and gives back a refused start", () =>
    Effect.gen(function*() {
      const posts = yield* WatchPosts
      yield* Subscriptions.use((s) => s.watch({ channel: "C1", offer: "contoso/a", by: "U1" }))
      const key = { channel: "C1", offer: "contoso/a", operationId: "op-1" }
      const claims = yield* Effect.all(Array.from({ length: 5 }, () => posts.claim(key, { location: "https://x/operations/op-1", target: "preview" })), { concurrency: "unbounded" })
      assert.strictEqual(claims.filter(Boolean).length, 1)
      yield* posts.unclaim(key)
      assert.isTrue(yield* posts.claim(key, { location: "https://x/operations/op-1", target: "preview" }))
      yield* posts.posted(key, "1700000000.000001")
      // Once posted, the claim is kept.
      yield* posts.unclaim(key)
      assert.isFalse(yield* posts.claim(key, { location: "https://x/operations/op-1", target: "preview" }))
      yield* posts.seen(key, "certify", 1_000, "running|certify|inProgress")
      yield* posts.seen(key, "certify", 5_000, undefined)
      const [open] = yield* posts.open("contoso/a")
      assert.deepStrictEqual([open?.ts, open?.location, open?.target, open?.step, open?.stepSince, open?.shown], [
        "1700000000.000001", "https://x/operations/op-1", "preview", "certify", 1_000, "running|certify|inProgress"
      ])
      assert.isTrue(yield* posts.claimReminder(key, "certify"))
      assert.isFalse(yield* posts.claimReminder(key, "certify"))
      assert.isTrue(yield* posts.claimReminder(key, "provision"))
      assert.isTrue(yield* posts.claimEnd(key))
      assert.isFalse(yield* posts.claimEnd(key))
      assert.deepStrictEqual(yield* posts.open("contoso/a"), [])
    }).pipe(Effect.provide(sqlite())))
})
