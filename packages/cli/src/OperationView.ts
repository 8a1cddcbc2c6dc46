/**
 * How an operation reads in text: its line, its steps, the live view on a terminal and changed
 * lines in a log; and its JSON value.
 */
import { kindText, type Operation, operationStatusText, stepStatusText, type Submission, type Translator } from "@offerops/core"
import { colours, type Paint } from "./Colours.ts"
import { inert, type Writable } from "./SafeConsole.ts"

export interface ProgressView {
  show(operation: Operation): void
}

/** On a terminal: the operation's line and its steps, redrawn in place at every poll. */
export const liveView = (out: Writable, paint: Paint, t: Translator): ProgressView => {
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
export const changedLines = (out: Writable, t: Translator): ProgressView => {
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

/** A percentage as the service sends it (0–100), in the reader's notation. */
const percent = (value: number, t: Translator) => t.percent(value / 100)

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
