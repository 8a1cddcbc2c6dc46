/**
 * The Runner's bound on answers: a burst of commands is answered in full and in order, with at most
 * `maxAnswers` being worked on at once, while cancels being followed (`run`) are never held up by it.
 */
import { assert, describe, it } from "vitest"
import { Effect, Layer, ManagedRuntime } from "effect"
import { type BotRuntime, makeRunner } from "../src/Runtime.ts"

// The work below uses none of the bot's services, so an empty runtime stands in for them.
const runtime = ManagedRuntime.make(Layer.empty) as unknown as BotRuntime

/** Work that records its start and then waits until released. */
const gated = () => {
  const started: Array<number> = []
  const gates = new Map<number, () => void>()
  const work = (id: number) =>
    Effect.promise(() =>
      new Promise<void>((resolve) => {
        started.push(id)
        gates.set(id, resolve)
      })
    )
  const release = (id: number) => gates.get(id)?.()
  return { started, work, release }
}

/** A few turns of the event loop: enough for released work to end and queued work to start (by count, not time). */
const turns = async () => {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe("Runner", () => {
  it("works on at most maxAnswers answers at once and answers a burst in order", async () => {
    const runner = makeRunner(runtime, { maxAnswers: 3 })
    const { started, work, release } = gated()
    const answers = Array.from({ length: 8 }, (_, id) => runner.answer(`answer ${id}`, work(id)))
    await turns()
    assert.deepStrictEqual(started, [0, 1, 2])
    release(1)
    await turns()
    assert.deepStrictEqual(started, [0, 1, 2, 3])
    for (let id = 0; id < 8; id++) {
      release(id)
      await turns()
    }
    await Promise.all(answers)
    assert.deepStrictEqual(started, [0, 1, 2, 3, 4, 5, 6, 7])
  })

  it("never holds an answer up behind cancels being followed", async () => {
    const runner = makeRunner(runtime, { maxAnswers: 1 })
    const { started, work, release } = gated()
    const follows = [runner.run("follow 0", work(0)), runner.run("follow 1", work(1))]
    const answer = runner.answer("answer 2", work(2))
    await turns()
    assert.deepStrictEqual(started, [0, 1, 2])
    release(2)
    await answer
    assert.isFalse(await runner.drain(10))
    release(0)
    release(1)
    await Promise.all(follows)
    assert.isTrue(await runner.drain(10))
  })
})
