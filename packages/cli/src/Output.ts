/**
 * What the CLI writes and where. Text mode is for people: lines on stdout, a live step view when
 * stdout is a terminal, colour unless NO_COLOR. JSON mode is for programs: exactly one document on
 * stdout, success or failure, and every human line on stderr.
 */
import {
  escapeControls,
  escapeJsonControls,
  kindText,
  type Operation,
  operationStatusText,
  type Progress,
  stepStatusText,
  type Submission,
  type Translator,
  translator as translatorFor
} from "@offerops/core"
import { Context, Effect, Layer, Stream } from "effect"
import { styleText } from "node:util"
import { CliOutput } from "effect/cli"

export type OutputMode = "text" | "json"

/**
 * The mode as given on the command line. Read from argv rather than from the parsed flags because
 * a parse error must be reported in the requested mode too, and it happens before flags exist.
 */
export const outputModeOf = (argv: ReadonlyArray<string>): OutputMode =>
  flagValues(argv, "output").reduce<OutputMode>((mode, value) => value === "json" || value === "text" ? value : mode, "text")

/** Every value given to `--name` (as `--name v` or `--name=v`) before a `--`, in order. */
export const flagValues = (argv: ReadonlyArray<string>, name: string): ReadonlyArray<string> => {
  const values: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "--") break
    const value = arg === `--${name}` ? argv[i + 1] : arg.startsWith(`--${name}=`) ? arg.slice(name.length + 3) : undefined
    if (value !== undefined) values.push(value)
  }
  return values
}

/** The streams and environment Output writes to; a test passes its own. */
export interface Console {
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
}

export interface Writable {
  write(text: string): unknown
  readonly isTTY?: boolean | undefined
}

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
  static readonly make = (mode: OutputMode, raw: Console, translator: Translator = english): Output["Service"] => {
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

/**
 * effect/cli's help and version output, minus its rendering of parse errors: those are reported
 * by the entry point like every other failure, in the requested mode.
 */
export const helpPresenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation" || event._tag === "Help" && event.reason === "Implicit"
      ? Effect.void
      : CliOutput.defaultPresenter.present(event)
}

/**
 * The one place text leaves the CLI. Service text is made inert where it is rendered (`inert`);
 * this is only the last guard for a line that forgot: every control character a terminal would act
 * on is shown escaped, except our own colours and, as a write of its own, the live view's redraw.
 * JSON keeps its exact value with C1 and bidi characters written as \u escapes.
 */
const safeConsole = (mode: OutputMode, console: Console): Console => {
  const text = (out: Writable): Writable => ({
    isTTY: out.isTTY,
    write: (chunk) => out.write(redraw.test(chunk) ? chunk : chunk.split(ownColour).map((piece, i) => i % 2 === 1 ? piece : escapeControls(piece)).join(""))
  })
  const json = (out: Writable): Writable => ({ isTTY: out.isTTY, write: (chunk) => out.write(escapeJsonControls(chunk)) })
  return { env: console.env, stdout: mode === "json" ? json(console.stdout) : text(console.stdout), stderr: text(console.stderr) }
}
// The sequences `colours` writes (split out at odd indices by the capture group), and the live view's redraw.
const ownColour = /(\x1b\[(?:1|2|22|31|32|33|39)m)/
const redraw = /^\x1b\[\d+A\x1b\[0J$/

// https://no-color.org: any non-empty value turns colour off.
const noColor = (env: Console["env"]) => (env["NO_COLOR"] ?? "") !== ""

export interface Paint {
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly dim: (text: string) => string
  readonly bold: (text: string) => string
}

// node:util's styleText writes the SGR sequences; whether to colour at all (a terminal, NO_COLOR) is
// decided above, for the stream Output writes to, so it does not check process.stdout itself.
const colours = (enabled: boolean): Paint => {
  const style = (format: "red" | "green" | "yellow" | "dim" | "bold") => (text: string) =>
    enabled ? styleText(format, text, { validateStream: false }) : text
  return { red: style("red"), green: style("green"), yellow: style("yellow"), dim: style("dim"), bold: style("bold") }
}

interface ProgressView {
  show(operation: Operation): void
}

/** On a terminal: the operation's line and its steps, redrawn in place at every poll. */
const liveView = (out: Writable, paint: Paint, t: Translator): ProgressView => {
  let drawn = 0
  return {
    show(operation) {
      const lines = [describeOperation(operation, paint, t), ...stepLines(operation, paint, t)]
      // Move up over the previous drawing and clear it, so the view stays one block (a write of its
      // own: the safe writer lets this sequence through only alone).
      if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`)
      out.write(lines.join("\n") + "\n")
      drawn = lines.length
    }
  }
}

/** In a log or a pipe: one line each time what a person would notice changes. */
const changedLines = (out: Writable, t: Translator): ProgressView => {
  let last = ""
  const plain = colours(false)
  return {
    show(operation) {
      const line = describeOperation(operation, plain, t)
      if (line !== last) out.write(`${timestamp()} ${line}\n`)
      last = line
    }
  }
}

const timestamp = () => new Date().toISOString().slice(11, 19)

const english = translatorFor("en")

/** A percentage as the service sends it (0–100), in the reader's notation. */
const percent = (value: number, t: Translator) => t.percent(value / 100)

/**
 * Text from the service made inert where it is rendered, before any colour of ours is put around it:
 * no server string can then write an ESC (or any control a terminal acts on), whatever it looks like.
 */
export const inert = escapeControls

/** `publish 4b1e… running · step 2/6 Certification 40%`, in the reader's language. */
export const describeOperation = (operation: Operation, paint: Paint, t: Translator): string => {
  const steps = operation.steps ?? []
  const current = operation.currentStep
  const status = inert(operationStatusText(t, operation))
  const stateText = operation.state === "failed"
    ? paint.red(status)
    : operation.state === "completed" || operation.state === "canceled"
    ? paint.green(status)
    : paint.yellow(status)
  const step = current === undefined || operation.state !== "running"
    ? ""
    : t.t("cli.operation.step", { index: steps.indexOf(current) + 1, total: steps.length, name: inert(current.stepName ?? current.id ?? "") }) +
      (current.progressPercentage === undefined ? "" : ` ${percent(current.progressPercentage, t)}`)
  return t.t("cli.operation.line", {
    kind: inert(kindText(t, operation.submissionType)),
    id: inert(operation.id ?? t.t("term.noId")),
    status: stateText
  }) + step
}

const stepMark = (state: string, paint: Paint): string => {
  switch (state) {
    case "complete":
      return paint.green("✓")
    case "failed":
    case "rejected":
      return paint.red("✗")
    case "canceled":
      return paint.dim("–")
    case "notStarted":
      return paint.dim("·")
    default:
      return paint.yellow("▸")
  }
}

/** One line per step: mark, name, status, progress and the service's time estimate. */
export const stepLines = (operation: Operation, paint: Paint, t: Translator): ReadonlyArray<string> =>
  (operation.steps ?? []).map((step) => {
    const progress = step.progressPercentage === undefined || step.state === "notStarted" ? "" : ` ${percent(step.progressPercentage, t)}`
    const estimate = step.estimatedTimeFrame === undefined ? "" : paint.dim(` (${inert(step.estimatedTimeFrame)})`)
    return `  ${stepMark(step.state, paint)} ${inert(step.stepName ?? step.id ?? t.t("term.unnamedStep"))} ${
      paint.dim(inert(stepStatusText(t, step)))
    }${progress}${estimate}`
  })

/** The operation as a JSON value: the service's fields plus the normalised `state` of it and its steps. */
export const operationJson = (operation: Operation) => ({
  ...operation,
  state: operation.state,
  ...(operation.steps === undefined ? {} : { steps: operation.steps.map((step) => ({ ...step, state: step.state })) })
})

export const submissionJson = (submission: Submission) => ({ ...submission, state: submission.state })

/** A fixed-width table of submissions, newest first as the service lists them. */
export const submissionTable = (submissions: ReadonlyArray<Submission>, t: Translator): ReadonlyArray<string> => {
  const rows = submissions.map((s) =>
    [
      s.id,
      s.submissionType === undefined ? "" : kindText(t, s.submissionType),
      operationStatusText(t, { status: s.submissionState, state: s.state }),
      s.offerVersion === undefined ? "" : String(s.offerVersion),
      s.slot ?? "",
      s.changedTime ?? ""
    ].map(inert)
  )
  const header = (["id", "type", "status", "version", "slot", "changed"] as const).map((column) => t.t(`cli.table.${column}`))
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column]!))))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, i) => cell + " ".repeat(widths[i]! - displayWidth(cell))).join("  ").trimEnd()
  return [line(header), ...rows.map(line)]
}

// East Asian wide and fullwidth characters take two terminal columns (Hangul, kana, CJK, fullwidth forms).
const wide = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu

/** Columns a text takes on a terminal, so tables line up in Japanese, Korean and Chinese too. */
const displayWidth = (text: string): number => text.length + (text.match(wide)?.length ?? 0)
