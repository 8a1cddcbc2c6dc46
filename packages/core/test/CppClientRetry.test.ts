/**
 * Retry bounds and Retry-After, through a scripted transport and TestClock: how often the service
 * is asked and when, which is what a throttled or failing service sees of us.
 */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Metric, Redacted } from "effect"
import { HttpClient, HttpClientError, HttpClientResponse } from "effect/http"
import { PrometheusMetrics } from "effect/observability"
import { TestClock } from "effect/testing"
import { CppClient } from "../src/CppClient.ts"
import { cppConfig } from "../src/CppConfig.ts"
import { OfferRef } from "../src/OfferRef.ts"
import { TokenProvider } from "../src/TokenProvider.ts"

type Answer =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | { readonly refused: true }
  | { readonly reset: true }

const offer = new OfferRef({ publisherId: "contoso", offerId: "vm" })
const running = JSON.stringify([{ id: "op-1", submissionState: "running", submissionType: "publish" }])

/** A transport answering from a script (the last answer repeats), remembering each request's time. */
const scripted = (answers: ReadonlyArray<Answer>) => {
  const seen: Array<{ readonly at: number; readonly method: string; readonly authorization: string | undefined }> = []
  const transport = HttpClient.make((request, _url, _signal) =>
    Effect.clockWith((clock) => {
      seen.push({ at: Math.round(clock.currentTimeMillisUnsafe()), method: request.method, authorization: request.headers.authorization })
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!
      if ("refused" in answer || "reset" in answer) {
        const cause = Object.assign(new Error("socket"), { code: "refused" in answer ? "ECONNREFUSED" : "ECONNRESET" })
        return Effect.fail(
          new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
        )
      }
      return Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(answer.body ?? "", { status: answer.status, headers: answer.headers ?? {} })
        )
      )
    })
  )
  const layer = CppClient.layer.pipe(
    Layer.provide([Layer.succeed(HttpClient.HttpClient, transport), TokenProvider.static(Redacted.make("t0ken-secret"))]),
    Layer.provide(cppConfig({ baseUrl: "https://cpp.test", retryBase: Duration.seconds(1), retryCap: Duration.seconds(4) }))
  )
  return { layer, seen }
}

const runWithTime = <A, E>(effect: Effect.Effect<A, E, CppClient>, seconds: number) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    for (let i = 0; i < seconds; i++) yield* TestClock.adjust(Duration.seconds(1))
    return yield* Fiber.join(fiber)
  })

const list = CppClient.use((client) => client.listSubmissions(offer))
const cancel = CppClient.use((client) => client.cancelOffer(offer))

describe("CppClient retries", () => {
  it.effect("a retry storm stays bounded: 1 try + 4 retries, then Unavailable", () => {
    const script = scripted([{ status: 503, body: "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}" }])
    return Effect.gen(function*() {
      const error = yield* runWithTime(Effect.flip(list), 120)
      assert.strictEqual(error._tag, "Unavailable")
      assert.strictEqual(script.seen.length, 5)
      if (error._tag === "Unavailable") {
        assert.strictEqual(error.status, 503)
        assert.strictEqual(error.code, "ServiceUnavailable")
      }
      // Exponential with jitter, never beyond the 4 s cap.
      const gaps = script.seen.slice(1).map((s, i) => s.at - script.seen[i]!.at)
      assert.isTrue(gaps.every((gap) => gap > 0 && gap <= 4_000), `gaps ${gaps}`)
    }).pipe(Effect.provide(script.layer))
  })

  it.effect("counts each request by method and status, and each retry (offerops_cpp_requests_total, _retries_total)", () => {
    const script = scripted([{ status: 503 }, { refused: true }, { status: 200, body: running }])
    // A registry of this test's own, so other tests' requests do not count.
    const registry = new Map()
    return Effect.gen(function*() {
      yield* runWithTime(list, 20)
      const text = yield* PrometheusMetrics.format()
      assert.include(text, `offerops_cpp_requests_total{method="GET",status="503"} 1`)
      assert.include(text, `offerops_cpp_requests_total{method="GET",status="none"} 1`)
      assert.include(text, `offerops_cpp_requests_total{method="GET",status="200"} 1`)
      assert.include(text, `offerops_cpp_retries_total{method="GET"} 2`)
    }).pipe(Effect.provide(script.layer), Effect.provideService(Metric.MetricRegistry, registry))
  })

  it.effect("honours Retry-After in seconds", () => {
    const script = scripted([{ status: 429, headers: { "retry-after": "30" } }, { status: 200, body: running }])
    return Effect.gen(function*() {
      const submissions = yield* runWithTime(list, 40)
      assert.strictEqual(submissions[0]?.id, "op-1")
      assert.deepStrictEqual(script.seen.map((s) => s.at), [0, 30_000])
    }).pipe(Effect.provide(script.layer))
  })

  it.effect("honours Retry-After as an HTTP-date", () => {
    const script = scripted([
      { status: 503, headers: { "retry-after": new Date(45_000).toUTCString() } },
      { status: 200, body: running }
    ])
    return Effect.gen(function*() {
      yield* runWithTime(list, 60)
      assert.deepStrictEqual(script.seen.map((s) => s.at), [0, 45_000])
    }).pipe(Effect.provide(script.layer))
  })

  it.effect("caps an excessive Retry-After at retryAfterMax", () => {
    const script = scripted([{ status: 429, headers: { "retry-after": "86400" } }, { status: 200, body: running }])
    return Effect.gen(function*() {
      yield* runWithTime(list, 400)
      assert.deepStrictEqual(script.seen.map((s) => s.at), [0, 300_000])
    }).pipe(Effect.provide(script.layer))
  })

  it.effect("retries a GET after a connection reset", () => {
    const script = scripted([{ reset: true }, { status: 200, body: running }])
    return Effect.gen(function*() {
      yield* runWithTime(list, 10)
      assert.strictEqual(script.seen.length, 2)
    }).pipe(Effect.provide(script.layer))
  })

  it.effect("does not repeat the cancel POST after a 500 or a reset: it may have reached the service", () =>
    Effect.gen(function*() {
      for (const answer of [{ status: 500 }, { reset: true } as const]) {
        const script = scripted([answer, { status: 200 }])
        const error = yield* runWithTime(Effect.flip(cancel), 30).pipe(Effect.provide(script.layer))
        assert.strictEqual(error._tag, "Unavailable")
        assert.strictEqual(script.seen.length, 1)
      }
    }))

  it.effect("repeats the cancel POST on 429, 503 and a refused connection", () =>
    Effect.gen(function*() {
      for (const answer of [{ status: 429 }, { status: 503 }, { refused: true } as const]) {
        const script = scripted([answer, { status: 200 }])
        const result = yield* runWithTime(cancel, 30).pipe(Effect.provide(script.layer))
        assert.strictEqual(result._tag, "Canceled")
        assert.deepStrictEqual(script.seen.map((s) => s.method), ["POST", "POST"])
      }
    }))

  it.effect("does not retry client errors", () =>
    Effect.gen(function*() {
      for (const [status, tag] of [[400, "BadRequest"], [401, "Unauthorized"], [403, "Forbidden"], [404, "NotFound"], [422, "BadRequest"]] as const) {
        const script = scripted([{ status, body: "{\"code\":\"X\",\"message\":\"nope\"}" }])
        const error = yield* runWithTime(Effect.flip(list), 10).pipe(Effect.provide(script.layer))
        assert.strictEqual(error._tag, tag)
        assert.strictEqual(script.seen.length, 1)
      }
    }))

  it.effect("sends the token as a bearer header and never puts it in an error", () => {
    const script = scripted([{ status: 401, body: "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"token expired\"}}" }])
    return Effect.gen(function*() {
      const error = yield* runWithTime(Effect.flip(list), 5)
      assert.strictEqual(script.seen[0]?.authorization, "Bearer t0ken-secret")
      assert.notInclude(JSON.stringify(error), "t0ken-secret")
      assert.notInclude(String(error), "t0ken-secret")
      assert.include(error.message, "token expired")
    }).pipe(Effect.provide(script.layer))
  })
})
