/**
 * The colours of text lines, or none: on only for a terminal and without NO_COLOR.
 */
import { styleText } from "node:util"
import type { Console } from "./SafeConsole.ts"

// https://no-color.org: any non-empty value turns colour off.
export const noColor = (env: Console["env"]) => (env["NO_COLOR"] ?? "") !== ""

export interface Paint {
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly dim: (text: string) => string
  readonly bold: (text: string) => string
}

// node:util's styleText writes the SGR sequences; whether to colour at all (a terminal, NO_COLOR) is
// decided above, for the stream Output writes to, so it does not check process.stdout itself.
export const colours = (enabled: boolean): Paint => {
  const style = (format: "red" | "green" | "yellow" | "dim" | "bold") => (text: string) =>
    enabled ? styleText(format, text, { validateStream: false }) : text
  return { red: style("red"), green: style("green"), yellow: style("yellow"), dim: style("dim"), bold: style("bold") }
}
