/** The cancel story as a face tells it, for the tests against the emulator: find, cancel, follow to the end. */
import { assert } from "@effect/vitest"
import { Effect, Option } from "effect"
import { awaitCancellation, findRunningOperation } from "../src/Cancellation.ts"
import { CppClient } from "../src/CppClient.ts"
import type { OfferRef } from "../src/OfferRef.ts"

export const cancelAndConfirm = (offer: OfferRef) =>
  Effect.gen(function*() {
    const running = yield* findRunningOperation(offer)
    assert.isTrue(Option.isSome(running), "a publish is running")
    const result = yield* CppClient.use((c) => c.cancelOffer(offer, { notificationEmails: ["ops@contoso.com"] }))
    const outcome = yield* awaitCancellation(offer, result, Option.getOrThrow(running).id, { timeout: "10 seconds" })
    return { result, outcome }
  })
