import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { TestClock } from "effect/testing"
import type { SlackMessage } from "../src/Messages.ts"
import { makeProgress, responseUrlAvailable, type SlackReplies } from "../src/Progress.ts"

const message = (text: string): SlackMessage => ({ text, blocks: [] })

const recording = (options: { readonly respondFails?: boolean } = {}) => {
  const calls: Array<string> = []
  const replies: SlackReplies = {
    respond: async (m) => {
      calls.push(`respond:${m.response_type}:${m.replace_original}:${m.text}`)
      if (options.respondFails) throw new Error("expired_url")
    },
    postMessage: async (m) => {
      calls.push(`post:${m.channel}:${m.text}`)
      return { ts: "1.1" }
    },
    update: async (m) => void calls.push(`update:${m.ts}:${m.text}`)
  }
  return { calls, replies }
}

describe("response_url budget", () => {
  it("allows 5 posts within 30 minutes of the click, minus a reserve", () => {
    assert.isTrue(responseUrlAvailable({ posts: 3, issuedAt: 0 }, 1000, 1))
    assert.isFalse(responseUrlAvailable({ posts: 4, issuedAt: 0 }, 1000, 1))
    assert.isTrue(responseUrlAvailable({ posts: 4, issuedAt: 0 }, 1000, 0))
    assert.isFalse(responseUrlAvailable({ posts: 5, issuedAt: 0 }, 1000, 0))
    assert.isFalse(responseUrlAvailable({ posts: 0, issuedAt: 0 }, 30 * 60_000, 0))
  })
})

describe("makeProgress", () => {
  it.effect("uses 4 response_url posts for progress, then one bot message it edits, and ends there", () =>
    Effect.gen(function*() {
      const { calls, replies } = recording()
      const progress = makeProgress(replies, "C0OPS", 0)
      for (const n of [1, 2, 3, 4, 5, 6]) yield* progress.update(message(`step ${n}`))
      yield* progress.finish(message("done"))
      assert.deepStrictEqual(calls, [
        "respond:ephemeral:true:step 1",
        "respond:ephemeral:true:step 2",
        "respond:ephemeral:true:step 3",
        "respond:ephemeral:true:step 4",
        "post:C0OPS:step 5",
        "update:1.1:step 6",
        "update:1.1:done"
      ])
    }))

  it.effect("keeps the 5th post for an in-channel outcome", () =>
    Effect.gen(function*() {
      const { calls, replies } = recording()
      const progress = makeProgress(replies, "C0OPS", 0)
      yield* progress.update(message("sending"))
      yield* progress.finish(message("done"))
      assert.deepStrictEqual(calls, ["respond:ephemeral:true:sending", "respond:in_channel:false:done"])
    }))

  it.effect("after 30 minutes, posts with the bot token", () =>
    Effect.gen(function*() {
      const { calls, replies } = recording()
      const progress = makeProgress(replies, "C0OPS", 0)
      yield* TestClock.adjust(Duration.minutes(31))
      yield* progress.finish(message("done"))
      assert.deepStrictEqual(calls, ["post:C0OPS:done"])
    }))

  it.effect("falls back to the bot token when the response_url fails", () =>
    Effect.gen(function*() {
      const { calls, replies } = recording({ respondFails: true })
      const progress = makeProgress(replies, "C0OPS", 0)
      yield* progress.finish(message("done"))
      assert.deepStrictEqual(calls, ["respond:in_channel:false:done", "post:C0OPS:done"])
    }))
})
