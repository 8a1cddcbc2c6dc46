/**
 * Runs `offerops` inside the test process, as the bin would but with a captured console, a stdin
 * that is or is not a terminal, the environment the test gives, and the test's clock. The emulator
 * is still reached over real sockets. Virtual time moves only while no request is in flight, so a
 * poll's wait passes at once and a request's own timeout never fires because the machine is slow.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { cppClientFromEnv } from "@offerops/core"
import { Cause, ConfigProvider, Duration, Effect, Exit, Fiber, Layer, Option, Runtime, Stdio, Terminal } from "effect"
import { HttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { helpAsFlag, runOfferops } from "../src/Offerops.ts"
import { Output, outputModeOf } from "../src/Output.ts"
import type { Run } from "./support.ts"

export interface InProcessOptions {
  /** The whole environment the command sees (CPP_BASE_URL, CPP_TOKEN, NO_COLOR...). */
  readonly env: Readonly<Record<string, string>>
  /**
   * stdin and stdout are a terminal, and these are the lines typed at it (none left reads as
   * Ctrl-D). Without it, stdin is an empty pipe, as in CI.
   */
  readonly typed?: ReadonlyArray<string>
  /** How far virtual time moves at each step while no request is in flight; default 1 second. */
  readonly step?: Duration.Input
}

const captured = (isTTY: boolean) => {
  const out = { text: "", isTTY, write: (chunk: string) => void (out.text += chunk) }
  return out
}

const terminalTyping = (lines: ReadonlyArray<string>, display: (text: string) => void): Terminal.Terminal => {
  const pending = [...lines]
  return Terminal.make({
    columns: Effect.succeed(100),
    rows: Effect.succeed(40),
    size: Effect.die("the terminal's size is not part of these tests"),
    readInput: Effect.die("raw terminal input is not part of these tests"),
    readLine: Effect.suspend(() => {
      const line = pending.shift()
      if (line === undefined) return Effect.fail(new Terminal.QuitError())
      display(`${line}\n`)
      return Effect.succeed(line)
    }),
    display: (text) => Effect.sync(() => display(text))
  })
}

const exitCode = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  const error = Option.getOrUndefined(Cause.findErrorOption(exit.cause)) as { [Runtime.errorExitCode]?: number } | undefined
  return error?.[Runtime.errorExitCode] ?? 1
}

/** `offerops ...args` in process; run it inside `it.effect`, whose TestClock it drives. */
export const offeropsInProcess = (args: ReadonlyArray<string>, options: InProcessOptions): Effect.Effect<Run> =>
  Effect.gen(function*() {
    const terminal = options.typed !== undefined
    const stdout = captured(terminal)
    const stderr = captured(terminal)
    let inFlight = 0
    const counted = Layer.effect(
      HttpClient.HttpClient,
      Effect.map(HttpClient.HttpClient, (client) =>
        HttpClient.transform(client, (response) =>
          Effect.acquireUseRelease(
            Effect.sync(() => inFlight++),
            () => response,
            () => Effect.sync(() => inFlight--)
          )))
    ).pipe(Layer.provide(NodeHttpClient.layerUndici))

    const argv = helpAsFlag(args)
    const program = runOfferops(argv, (overrides) => cppClientFromEnv(counted, overrides)).pipe(
      Effect.provide([
        Layer.succeed(Output, Output.make(outputModeOf(argv), { stdout, stderr, env: options.env })),
        Stdio.layerTest({ stdinIsTerminal: Effect.succeed(terminal) }),
        Layer.succeed(Terminal.Terminal, terminalTyping(options.typed ?? [], stdout.write)),
        ConfigProvider.layer(ConfigProvider.fromEnvRecord(options.env))
      ])
    )
    const step = options.step ?? Duration.seconds(1)
    const clock = yield* Effect.forkChild(Effect.forever(
      TestClock.withLive(Effect.sleep(Duration.millis(1))).pipe(
        Effect.andThen(Effect.suspend(() => (inFlight === 0 ? TestClock.adjust(step) : Effect.void)))
      )
    ))
    const exit = yield* Effect.exit(program)
    yield* Fiber.interrupt(clock)
    return { code: exitCode(exit), stdout: stdout.text, stderr: stderr.text }
  })
