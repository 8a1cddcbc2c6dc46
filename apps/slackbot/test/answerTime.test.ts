/**
 * A bot answer is bounded in time: against a service that accepts the connection and never answers,
 * `/cancel-offer status`, the read before a confirmation, and history all end, past `answerTimeout`
 * of virtual time, in "the service is slow, nothing was done", and no confirmation is issued.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { Backends, CppClient, cppConfig, TokenProvider } from "@offerops/core"
import { startHostile, type Hostile } from "@offerops/emulator"
import { Duration, Effect, Fiber, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { answerTimeout, handleCommand } from "../src/CancelOffer.ts"
import { CancelPolicy, parsePolicy } from "../src/Policy.ts"
import { AuditLog } from "../src/store/AuditLog.ts"
import { Confirmations } from "../src/store/Confirmations.ts"
import { Subscriptions } from "../src/store/Subscriptions.ts"
import { ChannelSlack } from "../src/watch/ChannelSlack.ts"
import { translator } from "../src/i18n/Translator.ts"

let silent: Hostile
beforeAll(async () => {
  silent = await startHostile(() => {})
})
afterAll(() => silent.close())

const policy = Effect.runSync(parsePolicy("test", JSON.stringify({ allow: [{ users: ["U0ALICE"], publishers: ["contoso"] }] })))

const answer = (text: string) => {
  const audit: Array<string> = []
  const slowAuditLog: AuditLog["Service"] = AuditLog.of({
    record: (event) => Effect.sync(() => void audit.push(`${event.event}:${event.result}`)),
    // History reads a store that never answers either.
    outcomes: () => Effect.never,
    recent: () => Effect.succeed([]),
    watchEvents: () => Effect.succeed([]),
    confirmedBy: () => Effect.succeed(undefined)
  })
  const layer = Layer.mergeAll(
    CppClient.layer.pipe(
      Layer.provide([NodeHttpClient.layerUndici, TokenProvider.static(Redacted.make("token"))]),
      Layer.provide(cppConfig({ baseUrl: silent.url }))
    ),
    Backends.layer([]),
    Confirmations.layerMemory(),
    CancelPolicy.layer(policy),
    Layer.succeed(AuditLog, slowAuditLog),
    Subscriptions.layerMemory,
    // These commands post nowhere else: a channel Slack that is never asked.
    Layer.succeed(ChannelSlack, ChannelSlack.of({
      access: () => Effect.die("not asked"),
      post: () => Effect.die("not asked"),
      update: () => Effect.die("not asked")
    }))
  )
  return Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(handleCommand({ userId: "U0ALICE", channelId: "C0OPS", text, reader: translator("en") }))
    // Time passes only on the test's clock: the answer must not wait for the service's.
    for (let second = 0; second <= Duration.toSeconds(answerTimeout); second++) {
      yield* TestClock.adjust(Duration.seconds(1))
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
    }
    const message = yield* Fiber.join(fiber)
    return { shown: JSON.stringify(message), audit }
  }).pipe(Effect.provide(layer), Effect.provide(TestClock.layer()), Effect.runPromise)
}

describe("a bot answer against a service that never answers", () => {
  it.each(["status contoso/vm", "contoso/vm", "history contoso/vm"])("`%s` says the service is slow and that nothing was done", async (text) => {
    const { shown, audit } = await answer(text)
    expect(shown).toContain("The Cloud Partner Portal is slow to answer: nothing was done.")
    expect(shown).not.toContain("confirm_cancel")
    expect(audit).toEqual(["refusal:error:TooSlow"])
  }, 30_000)
})
