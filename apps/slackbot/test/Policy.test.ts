import { assert, describe, it } from "@effect/vitest"
import { Reference } from "@offerops/core"
import { Effect, Exit, Logger, Schedule } from "effect"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { authorize, CancelPolicy, loadPolicy, mayCancel, parsePolicy, type Policy } from "../src/Policy.ts"

const offer = (publisherId: string) => Reference.cases.Offer.make({ publisherId, offerId: "vm" })

const policy = (allow: unknown): Effect.Effect<Policy, unknown> => parsePolicy("test.json", JSON.stringify({ allow }))

describe("Policy", () => {
  it.effect("allows a listed user or a listed channel, for a listed publisher only", () =>
    Effect.gen(function*() {
      const p = yield* policy([
        { users: ["U0ALICE"], publishers: ["contoso"] },
        { channels: ["C0OPS"], publishers: ["fabrikam", "contoso"] }
      ])
      assert.deepStrictEqual(mayCancel(p, { userId: "U0ALICE", channelId: "C0RANDOM", reference: offer("contoso") }), { allowed: true, rule: 0 })
      assert.deepStrictEqual(mayCancel(p, { userId: "U0BOB", channelId: "C0OPS", reference: offer("fabrikam") }), { allowed: true, rule: 1 })
      assert.deepStrictEqual(mayCancel(p, { userId: "U0ALICE", channelId: "C0RANDOM", reference: offer("fabrikam") }), { allowed: false, reason: "no-rule" })
      assert.deepStrictEqual(mayCancel(p, { userId: "U0BOB", channelId: "C0RANDOM", reference: offer("contoso") }), { allowed: false, reason: "no-rule" })
      // Publisher ids are compared exactly: a look-alike is not the same publisher.
      assert.isFalse(mayCancel(p, { userId: "U0ALICE", channelId: "C0RANDOM", reference: offer("Contoso") }).allowed)
    }))

  it.effect("lets * stand for every publisher, but never for people", () =>
    Effect.gen(function*() {
      const p = yield* policy([{ users: ["U0ALICE"], publishers: ["*"] }, { publishers: ["*"] }])
      assert.isTrue(mayCancel(p, { userId: "U0ALICE", channelId: "C1", reference: offer("anything") }).allowed)
      assert.isFalse(mayCancel(p, { userId: "U0BOB", channelId: "C1", reference: offer("anything") }).allowed)
    }))

  it("denies everyone when no policy is configured", () => {
    assert.deepStrictEqual(mayCancel({ _tag: "Missing" }, { userId: "U0ALICE", channelId: "C0OPS", reference: offer("contoso") }), {
      allowed: false,
      reason: "no-policy"
    })
  })

  it.effect("#18: grants a Partner Center product by its id, the whole account by *, and nothing across APIs", () =>
    Effect.gen(function*() {
      const p = yield* policy([
        { users: ["U0ALICE"], products: ["app-1"] },
        { users: ["U0BOB"], products: ["*"] },
        { users: ["U0CAROL"], publishers: ["*"] }
      ])
      const product = (id: string) => Reference.cases.Product.make({ id })
      const pia = (id: string) => Reference.cases.PiaProduct.make({ id })
      const job = Reference.cases.Job.make({ jobId: "5f0ecd6d-2d8b-4f0b-9d83-0c3b0a1d2e3f" })
      const may = (userId: string, reference: Reference) => mayCancel(p, { userId, channelId: "C0RANDOM", reference }).allowed
      assert.isTrue(may("U0ALICE", product("app-1")))
      assert.isTrue(may("U0ALICE", pia("app-1")))
      assert.isFalse(may("U0ALICE", product("app-2")))
      // A job names no product: only the whole account grants it.
      assert.isFalse(may("U0ALICE", job))
      assert.isFalse(may("U0ALICE", offer("contoso")))
      assert.isTrue(may("U0BOB", product("anything")) && may("U0BOB", job))
      assert.isFalse(may("U0BOB", offer("contoso")))
      // Every publisher is not every product.
      assert.isFalse(may("U0CAROL", product("app-1")))
      assert.isFalse(may("U0DAVE", product("app-1")))
      // The refusal names what a rule must list.
      const refused = yield* Effect.flip(
        authorize({ userId: "U0ALICE", channelId: "C0RANDOM", reference: job }).pipe(Effect.provide(CancelPolicy.layer(p)))
      )
      assert.deepInclude(refused, { _tag: "NotAllowed", product: "*" })
    }))

  it.effect.each([
    ["a display name", [{ users: ["@alice"], publishers: ["contoso"] }], "not a Slack user ID"],
    ["a channel name", [{ channels: ["#ops"], publishers: ["contoso"] }], "not a Slack channel ID"],
    ["a rule without publishers or products", [{ users: ["U0ALICE"] }], "publishers"],
    ["a publisher with a slash", [{ users: ["U0ALICE"], publishers: ["a/b"] }], "bad publisher"]
  ] as const)("rejects %s", ([, allow, message]) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(policy(allow))
      assert.isTrue(Exit.isFailure(exit))
      assert.include(String(Exit.isFailure(exit) ? JSON.stringify(exit.cause) : ""), message)
    }))

  it.effect("rejects text that is not JSON, and a file that cannot be read", () =>
    Effect.gen(function*() {
      const notJson = yield* Effect.flip(parsePolicy("p.json", "{ allow: nope"))
      assert.strictEqual(notJson._tag, "PolicyError")
      const missing = yield* Effect.flip(loadPolicy("/nonexistent/policy.json"))
      assert.include(missing.message, "cannot read the policy file")
      assert.deepStrictEqual(yield* loadPolicy(undefined), { _tag: "Missing" })
      assert.deepStrictEqual(yield* loadPolicy("  "), { _tag: "Missing" })
    }))
})

describe("CancelPolicy.layerWatching", () => {
  const alice = { userId: "U0ALICE", channelId: "C0RANDOM", reference: offer("contoso") }
  const decision = authorize(alice).pipe(Effect.exit, Effect.map(Exit.isSuccess))
  /** Waits (in real time, bounded) until the bot's decision for Alice is `expected`. */
  const until = (expected: boolean) =>
    decision.pipe(
      Effect.repeat({ until: (allowed) => allowed === expected, schedule: Schedule.spaced("20 millis") }),
      Effect.timeout("5 seconds")
    )

  it.live("re-reads the file when it changes, and keeps the last good policy when the new one is broken", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "slackbot-policy-watch-")))
      const file = join(dir, "policy.json")
      const write = (document: unknown) => Effect.promise(() => writeFile(file, JSON.stringify(document)))
      yield* write({ allow: [{ users: ["U0ALICE"], publishers: ["contoso"] }] })
      const initial = yield* loadPolicy(file)
      yield* Effect.gen(function*() {
        assert.isTrue(yield* decision)
        // Revoked: no restart needed.
        yield* write({ allow: [{ users: ["U0BOB"], publishers: ["contoso"] }] })
        yield* until(false)
        yield* write({ allow: [{ users: ["U0ALICE"], publishers: ["contoso"] }] })
        yield* until(true)
        // A broken edit leaves the last good policy in force.
        yield* Effect.promise(() => writeFile(file, "{ not json"))
        yield* Effect.sleep("300 millis")
        assert.isTrue(yield* decision)
      }).pipe(Effect.provide(CancelPolicy.layerWatching(initial, "20 millis")))
    }))

  it.live("#23: revokes everyone, loudly, when the file is deleted or emptied, until a good one is back", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "slackbot-policy-gone-")))
      const file = join(dir, "policy.json")
      const allowAlice = Effect.promise(() => writeFile(file, JSON.stringify({ allow: [{ users: ["U0ALICE"], publishers: ["contoso"] }] })))
      yield* allowAlice
      const initial = yield* loadPolicy(file)
      const logged: Array<string> = []
      const logger = Logger.layer([Logger.make((options) => void logged.push(String(options.message)))])
      yield* Effect.gen(function*() {
        assert.isTrue(yield* decision)
        yield* Effect.promise(() => rm(file))
        yield* until(false)
        assert.isTrue(logged.some((line) => line.includes("WAS DELETED") && line.includes("deny by default")))
        yield* allowAlice
        yield* until(true)
        yield* Effect.promise(() => writeFile(file, "  \n"))
        yield* until(false)
        assert.isTrue(logged.some((line) => line.includes("WAS EMPTIED")))
      }).pipe(Effect.provide(CancelPolicy.layerWatching(initial, "20 millis")), Effect.provide(logger))
    }))
})
