/** The confirmation rule, with a fake stdin: who may cancel without being asked, and which answers agree. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option, Stdio, Terminal } from "effect"
import { confirmationNeeded, readAgreement } from "../src/Confirmation.ts"

const stdin = (isTerminal: boolean) => Stdio.layerTest({ stdinIsTerminal: Effect.succeed(isTerminal) })

const answering = (answer: string | "quit") =>
  Layer.succeed(
    Terminal.Terminal,
    Terminal.make({
      columns: Effect.succeed(80),
      rows: Effect.succeed(24),
      size: Effect.die("unused"),
      readInput: Effect.die("unused"),
      readLine: answer === "quit" ? Effect.fail(new Terminal.QuitError()) : Effect.succeed(answer),
      display: () => Effect.void
    })
  )

describe("confirmationNeeded", () => {
  it.effect("--yes never asks, terminal or not", () =>
    Effect.gen(function*() {
      assert.isFalse(yield* confirmationNeeded(true).pipe(Effect.provide(stdin(false))))
      assert.isFalse(yield* confirmationNeeded(true).pipe(Effect.provide(stdin(true))))
    }))

  it.effect("asks a person at a terminal", () =>
    Effect.gen(function*() {
      assert.isTrue(yield* confirmationNeeded(false).pipe(Effect.provide(stdin(true))))
    }))

  it.effect("refuses with a usage error when nobody can answer", () =>
    Effect.gen(function*() {
      const exit = yield* confirmationNeeded(false).pipe(Effect.provide(stdin(false)), Effect.exit)
      assert.deepStrictEqual(Option.map(Exit.findErrorOption(exit), (error) => error._tag), Option.some("UsageError"))
    }))
})

describe("readAgreement", () => {
  for (const [answer, agrees] of [["y", true], ["yes", true], [" YES ", true], ["Y", true], ["n", false], ["", false], ["yep", false], ["quit", false]] as const) {
    it.effect(`${JSON.stringify(answer)} ${agrees ? "agrees" : "does not agree"}`, () =>
      Effect.gen(function*() {
        assert.strictEqual(yield* readAgreement.pipe(Effect.provide(answering(answer))), agrees)
      }))
  }
})
