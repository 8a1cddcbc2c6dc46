/**
 * Runs `offerops` inside the test process, as the bin would but with a captured console, a stdin
 * that is or is not a terminal, the environment the test gives, and the test's clock. The emulator
 * is still reached over real sockets. Virtual time moves only while no request is in flight, so a
 * poll's wait passes at once and a request's own timeout never fires because the machine is slow.
 */
import { cppClientFromEnv, fetchTransport } from "@offerops/core"
import { format } from "node:util"
import { Cause, ConfigProvider, Console, Duration, Effect, Exit, Fiber, Layer, Option, Runtime, Stdio, Terminal } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { localeOf } from "../src/Language.ts"
import { helpAsFlag, runOfferops } from "../src/Offerops.ts"
import { outputModeOf } from "../src/EarlyFlags.ts"
import { Output } from "../src/Output.ts"
import type { Run } from "./support.ts"
import { translator } from "../src/i18n/Catalogues.ts"

export interface InProcessOptions {
  /** The whole environment the command sees (CPP_BASE_URL, CPP_TOKEN, NO_COLOR...). */
  readonly env: Readonly<Record<string, string>>
  /**
   * stdin and stdout are a terminal, and these are the lines typed at it (none left reads as
   * Ctrl-D). Without it, stdin is an empty pipe, as in CI.
   */
  readonly typed?: ReadonlyArray<string>
  /** What happens in the world while the person reads the prompt, before each typed line arrives. */
  readonly whileTyping?: () => void
  /** How long (virtual time) the person takes to type each line; default no time. */
  readonly typingTakes?: Duration.Input
  /** How far virtual time moves at each step while no request is in flight; default 1 second. */
  readonly step?: Duration.Input
}

// Statuses whose Response may carry no body.
const noBody = new Set([101, 204, 205, 304])

const captured = (isTTY: boolean) => {
  const out = { text: "", isTTY, write: (chunk: string) => void (out.text += chunk) }
  return out
}

/** Effect's Console (where effect/cli's help and the request log go) writing to the captured streams. */
const consoleOn = (stdout: { write(text: string): void }, stderr: { write(text: string): void }): Console.Console => {
  const out = (...args: ReadonlyArray<unknown>) => stdout.write(`${format(...args)}\n`)
  const err = (...args: ReadonlyArray<unknown>) => stderr.write(`${format(...args)}\n`)
  const none = () => {}
  return {
    assert: (condition, ...args) => condition ? undefined : err(...args),
    clear: none,
    count: none,
    countReset: none,
    debug: out,
    dir: (item) => out(item),
    dirxml: out,
    error: err,
    group: out,
    groupCollapsed: out,
    groupEnd: none,
    info: out,
    log: out,
    table: (data) => out(data),
    time: none,
    timeEnd: none,
    timeLog: none,
    trace: err,
    warn: err
  }
}

const terminalTyping = (
  lines: ReadonlyArray<string>,
  typingTakes: Duration.Input,
  display: (text: string) => void,
  whileTyping: () => void
): Terminal.Terminal => {
  const pending = [...lines]
  return Terminal.make({
    columns: Effect.succeed(100),
    rows: Effect.succeed(40),
    size: Effect.die("the terminal's size is not part of these tests"),
    readInput: Effect.die("raw terminal input is not part of these tests"),
    readLine: Effect.andThen(Effect.andThen(Effect.sync(whileTyping), Effect.sleep(typingTakes)), () => {
      const line = pending.shift()
      // The terminal's own echo of the line is not the program's output, so it is not captured.
      return line === undefined ? Effect.fail(new Terminal.QuitError()) : Effect.succeed(line)
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
        HttpClient.transform(client, (response, request) =>
          Effect.acquireUseRelease(
            Effect.sync(() => inFlight++),
            // The body is read here too, so the clock stands still until the whole answer is in.
            () =>
              Effect.flatMap(response, (answer) =>
                Effect.map(answer.arrayBuffer, (body) =>
                  HttpClientResponse.fromWeb(
                    request,
                    new Response(noBody.has(answer.status) ? null : body, { status: answer.status, headers: answer.headers })
                  ))),
            () => Effect.sync(() => inFlight--)
          )))
    ).pipe(Layer.provide(fetchTransport))

    const argv = helpAsFlag(args)
    const program = runOfferops(argv, (overrides) => cppClientFromEnv(counted, overrides)).pipe(
      Effect.provide([
        Layer.succeed(Output, Output.make(outputModeOf(argv), { stdout, stderr, env: options.env }, translator(localeOf(argv, options.env)))),
        Layer.succeed(Console.Console, consoleOn(stdout, stderr)),
        Stdio.layerTest({ stdinIsTerminal: Effect.succeed(terminal) }),
        Layer.succeed(Terminal.Terminal, terminalTyping(options.typed ?? [], options.typingTakes ?? Duration.zero, stdout.write, options.whileTyping ?? (() => {}))),
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
