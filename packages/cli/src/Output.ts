/**
 * What the CLI writes and where. Text mode is for people: lines on stdout, a live step view when
 * stdout is a terminal, colour unless NO_COLOR. JSON mode is for programs: exactly one document on
 * stdout, success or failure, and every human line on stderr.
 */
import type { Progress } from "@offerops/core"
import { Context, Effect, Layer, Stream } from "effect"
import { colours, noColor, type Paint } from "./Colours.ts"
import type { OutputMode } from "./EarlyFlags.ts"
import { englishTranslator, type Translator } from "./i18n/Translator.ts"
import { changedLines, liveView } from "./OperationView.ts"
import { type Console, safeConsole } from "./SafeConsole.ts"

/** A failure as both faces show it: the JSON error object and the lines a person reads. */
export interface FailureReport {
  readonly json: {
    readonly _tag: string
    readonly status?: number
    readonly code?: string
    readonly message: string
    /** Where a wait can go on (WaitTimeout). */
    readonly resumeToken?: string
  }
  readonly text: ReadonlyArray<string>
}

export class Output extends Context.Service<Output, {
  /** Colours for text lines, or none (a pipe, a log, NO_COLOR). */
  readonly paint: Paint
  /** The person's language for every text line; JSON documents never depend on it. */
  readonly translator: Translator
  /** A line for the person running the command (stderr in JSON mode). */
  say(text: string): Effect.Effect<void>
  /** A question, left on the same line as the answer. */
  prompt(text: string): Effect.Effect<void>
  /**
   * Every snapshot of a wait, rendered live on a terminal and as changed lines otherwise, while
   * `consume` runs the stream. Interrupted (Ctrl-C), it tells how to continue with the resume token
   * of the last snapshot (or `resumeToken` before the first).
   */
  follow<A, E, R>(
    progress: Stream.Stream<Progress, E, R>,
    resumeToken: string,
    consume: (progress: Stream.Stream<Progress, E, R>) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, E, R>
  /** The command's outcome: the JSON document, or the text lines. */
  result(json: unknown, text: ReadonlyArray<string>): Effect.Effect<void>
  failure(report: FailureReport): Effect.Effect<void>
}>()("@offerops/cli/Output") {
  static readonly make = (mode: OutputMode, raw: Console, translator: Translator = englishTranslator): Output["Service"] => {
    const t = translator
    const console = safeConsole(mode, raw)
    const human = mode === "text" ? console.stdout : console.stderr
    const paint = colours(human.isTTY === true && !noColor(console.env))
    const errorPaint = colours(console.stderr.isTTY === true && !noColor(console.env))
    const say = (text: string) => Effect.sync(() => void human.write(`${text}\n`))

    const follow = <A, E, R>(
      progress: Stream.Stream<Progress, E, R>,
      resumeToken: string,
      consume: (progress: Stream.Stream<Progress, E, R>) => Effect.Effect<A, E, R>
    ) =>
      Effect.suspend(() => {
        const view = human.isTTY === true ? liveView(human, paint, t) : changedLines(human, t)
        let latest = resumeToken
        return consume(progress.pipe(
          Stream.tap((step) =>
            Effect.sync(() => {
              latest = step.resumeToken
              view.show(step.operation)
            })
          )
        )).pipe(
          Effect.onInterrupt(() =>
            Effect.sync(() =>
              console.stderr.write(
                `${t.t("cli.follow.stopped")}\n  offerops watch ${latest}\n`
              )
            )
          )
        )
      })

    return Output.of({
      paint,
      translator,
      say,
      prompt: (text) => Effect.sync(() => void human.write(paint.bold(text))),
      follow,
      result: (json, text) =>
        mode === "json"
          ? Effect.sync(() => void console.stdout.write(`${JSON.stringify(json, null, 2)}\n`))
          : Effect.forEach(text, say, { discard: true }),
      failure: (report) =>
        Effect.sync(() => {
          if (mode === "json") console.stdout.write(`${JSON.stringify({ error: report.json }, null, 2)}\n`)
          const [first = report.json.message, ...rest] = report.text
          console.stderr.write([errorPaint.red(t.t("cli.error", { message: first })), ...rest].join("\n") + "\n")
        })
    })
  }

  static readonly layer = (mode: OutputMode, translator: Translator): Layer.Layer<Output> =>
    Layer.sync(Output, () => Output.make(mode, { stdout: process.stdout, stderr: process.stderr, env: process.env }, translator))
}

