/**
 * The reminder in virtual time: the watcher's reads of the CPP emulator (whose clock stands still,
 * so the publish sits in Certification) under Effect's TestClock, which moves the bot's days.
 */
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, startEmulator } from "@offerops/emulator"
import { backendsNode, cppClientNode } from "@offerops/core/node"
import { ConfigProvider, Duration, Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll } from "vitest"
import { AuditLog } from "../../src/store/AuditLog.ts"
import { layerDatabase } from "../../src/store/Database.ts"
import { Subscriptions } from "../../src/store/Subscriptions.ts"
import { WatchPosts } from "../../src/store/WatchPosts.ts"
import { ChannelSlack } from "../../src/watch/ChannelSlack.ts"
import { makeMinuteBudget } from "../../src/watch/MinuteBudget.ts"
import { watchOffer } from "../../src/watch/WatchOffer.ts"
import { defaultWatchSettings } from "../../src/watch/WatchSettings.ts"
import { type FakeSlack, startFakeSlack } from "../support/FakeSlack.ts"
import { translator } from "../../src/i18n/Translator.ts"

let emulator: Emulator
let slack: FakeSlack
beforeAll(async () => {
  ;[emulator, slack] = await Promise.all([startEmulator({ port: 0 }), startFakeSlack()])
})
afterAll(async () => {
  await Promise.all([emulator.close(), slack.close()])
})

const services = () =>
  Layer.mergeAll(
    Subscriptions.layerSql,
    WatchPosts.layerSql,
    AuditLog.layerSql({ write: () => undefined }),
    ChannelSlack.layer({ botToken: Redacted.make("xoxb-fake"), apiUrl: slack.apiUrl }),
    backendsNode().pipe(
      Layer.provideMerge(cppClientNode({ baseUrl: emulator.url })),
      Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: { CPP_TOKEN: emulator.issueToken({ ttlSeconds: 365 * 86_400 }) } })))
    )
  ).pipe(Layer.provide(layerDatabase({ _tag: "Sqlite", filename: join(mkdtempSync(join(tmpdir(), "slackbot-watch-")), "bot.sqlite") })))

describe("a step that sits too long", () => {
  it.effect("gets one reminder in the message's thread once it is past the threshold", () =>
    Effect.gen(function*() {
      emulator.addOffer("contoso", "stuck")
      emulator.startOperation("contoso", "stuck", "publish")
      // Past "Validate Pre-Requisites" (10 virtual minutes): the publish is in Certification, for 2 virtual days.
      emulator.advance(11 * 60_000)
      const channel = "C0STUCK"
      const context = {
        settings: { ...defaultWatchSettings, remindAfter: Duration.hours(72) },
        edits: makeMinuteBudget(20),
        team: translator("en")
      }
      yield* Subscriptions.use((s) => s.watch({ channel, offer: "contoso/stuck", by: "U0WATCHER" }))
      const read = Effect.gen(function*() {
        const subscriptions = yield* Subscriptions.use((s) => s.ofChannel(channel))
        yield* watchOffer(context, "contoso/stuck", subscriptions)
      })
      const posts = () => slack.calls.filter((call) => call.method === "chat.postMessage" && call.args.channel === channel)
      const reminders = () => posts().filter((call) => call.args.thread_ts !== undefined)

      yield* read
      assert.strictEqual(posts().length, 1)
      assert.include(JSON.stringify(posts()[0]?.args), ":arrow_forward: Certification (running")
      yield* TestClock.adjust(Duration.hours(71))
      yield* read
      assert.strictEqual(reminders().length, 0)
      yield* TestClock.adjust(Duration.hours(2))
      yield* read
      assert.strictEqual(reminders().length, 1)
      const reminder = reminders()[0]
      assert.include(JSON.stringify(reminder?.args), "has been at step *Certification* for more than 72 hours")
      // In the start message's thread.
      const [shown] = yield* WatchPosts.use((p) => p.open("contoso/stuck"))
      assert.isDefined(shown?.ts)
      assert.strictEqual(reminder?.args.thread_ts, shown?.ts)
      yield* TestClock.adjust(Duration.hours(48))
      yield* read
      yield* read
      assert.strictEqual(reminders().length, 1)
      assert.strictEqual(posts().length, 2)
    }).pipe(Effect.provide(services())))
})
