import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { Unauthorized } from "../src/CppError.ts"
import { cachedToken } from "../src/TokenProvider.ts"

describe("cachedToken", () => {
  it.effect("reuses a token until five minutes before expiry, then refreshes it", () =>
    Effect.gen(function*() {
      let issued = 0
      const token = yield* cachedToken(
        Effect.clockWith((clock) =>
          Effect.sync(() => {
            issued++
            return { token: Redacted.make(`token-${issued}`), expiresAt: clock.currentTimeMillisUnsafe() + 60 * 60_000 }
          })
        )
      )
      assert.strictEqual(Redacted.value(yield* token), "token-1")
      yield* TestClock.adjust(Duration.minutes(54))
      assert.strictEqual(Redacted.value(yield* token), "token-1")
      yield* TestClock.adjust(Duration.minutes(1))
      assert.strictEqual(Redacted.value(yield* token), "token-2")
      assert.strictEqual(issued, 2)
    }))

  it.effect("shares one acquisition between concurrent callers", () =>
    Effect.gen(function*() {
      let issued = 0
      const token = yield* cachedToken(
        Effect.sleep(Duration.seconds(1)).pipe(
          Effect.andThen(Effect.sync(() => ({ token: Redacted.make(`t${++issued}`), expiresAt: Number.MAX_SAFE_INTEGER })))
        )
      )
      const fiber = yield* Effect.forkChild(Effect.all([token, token, token], { concurrency: "unbounded" }))
      yield* TestClock.adjust(Duration.seconds(1))
      const tokens = yield* Fiber.join(fiber)
      assert.deepStrictEqual(tokens.map(Redacted.value), ["t1", "t1", "t1"])
      assert.strictEqual(issued, 1)
    }))

  it.effect("tries again after a failed acquisition instead of caching the failure", () =>
    Effect.gen(function*() {
      let calls = 0
      const token = yield* cachedToken(
        Effect.suspend(() =>
          ++calls === 1
            ? Effect.fail(new Unauthorized({ method: "POST", path: "(token endpoint)", message: "could not obtain a token" }))
            : Effect.succeed({ token: Redacted.make("ok"), expiresAt: Number.MAX_SAFE_INTEGER })
        )
      )
      const first = yield* Effect.flip(token)
      assert.strictEqual(first._tag, "Unauthorized")
      assert.strictEqual(Redacted.value(yield* token), "ok")
    }))

  it("never shows the token when printed or serialised", () => {
    const token = Redacted.make("super-secret-token-value")
    assert.notInclude(String(token), "super-secret")
    assert.notInclude(JSON.stringify({ token }), "super-secret")
  })
})
