import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { parseNotificationEmails } from "../src/NotificationEmails.ts"
import { parseOfferRef } from "../src/OfferRef.ts"

const failureMessage = <A, E extends { message: string }>(effect: Effect.Effect<A, E>) =>
  Effect.flip(effect).pipe(Effect.map((error) => error.message))

describe("parseOfferRef", () => {
  it.effect("accepts publisher/offer and builds an encoded path", () =>
    Effect.gen(function*() {
      const offer = yield* parseOfferRef(" contoso/contoso-vm ")
      assert.strictEqual(offer.publisherId, "contoso")
      assert.strictEqual(offer.offerId, "contoso-vm")
      assert.strictEqual(offer.path, "/api/publishers/contoso/offers/contoso-vm")
      assert.strictEqual(offer.toString(), "contoso/contoso-vm")
    }))

  it.effect.each([
    ["contoso", "expected <publisherId>/<offerId>"],
    ["contoso/a/b", "expected <publisherId>/<offerId>"],
    ["/offer", "publisherId is empty"],
    ["contoso/", "offerId is empty"],
    ["../offer", "only dots"],
    ["contoso/..", "only dots"],
    ["contoso/of fer", "may only contain"],
    ["contoso/of\u0000fer", "may only contain"],
    ["contoso/offer?x=1", "may only contain"],
    ["contoso/offer#x", "may only contain"],
    ["contoso/a%2Fb", "may only contain"],
    ["contoso$x/offer", "may only contain"],
    ["contoso\\x/offer", "may only contain"],
    ["contoso/<!channel>", "may only contain"],
    ["contoso/o&x", "may only contain"]
  ] as const)("rejects %j", ([text, expected]) =>
    Effect.gen(function*() {
      const message = yield* failureMessage(parseOfferRef(text))
      assert.include(message, expected)
    }))
})

describe("parseNotificationEmails", () => {
  it.effect("splits, trims and keeps order", () =>
    Effect.gen(function*() {
      const emails = yield* parseNotificationEmails(" a@x.com, b.c@y.co.uk ,")
      assert.deepStrictEqual(emails, ["a@x.com", "b.c@y.co.uk"])
    }))

  it.effect.each([
    ["", "no notification email"],
    ["not-an-email", "not an email address"],
    ["a@x.com,b@", "not an email address: \"b@\""],
    ["a b@x.com", "not an email address"],
    [Array.from({ length: 21 }, (_, i) => `u${i}@x.com`).join(","), "too many"]
  ] as ReadonlyArray<readonly [string, string]>)("rejects %j", ([text, expected]) =>
    Effect.gen(function*() {
      const message = yield* failureMessage(parseNotificationEmails(text))
      assert.include(message, expected)
    }))

  it("fails with the InvalidInput tag the CLI maps to exit 2", () => {
    const exit = Effect.runSyncExit(parseNotificationEmails("nope"))
    assert.isTrue(Exit.isFailure(exit))
    assert.include(JSON.stringify(exit), "InvalidInput")
  })
})
