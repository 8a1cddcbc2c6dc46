/**
 * Keeping a terminal safe from service text: `inert` where text is rendered, and a last guard where
 * it is written (`safeConsole`), which lets through only our own colours and the live view's redraw.
 */
import { escapeControls, escapeJsonControls } from "@offerops/core"
import type { OutputMode } from "./EarlyFlags.ts"

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

/**
 * Text from the service made inert where it is rendered, before any colour of ours is put around it:
 * no server string can then write an ESC (or any control a terminal acts on), whatever it looks like.
 */
export const inert = escapeControls

/**
 * The one place text leaves the CLI. Service text is made inert where it is rendered (`inert`);
 * this is only the last guard for a line that forgot: every control character a terminal would act
 * on is shown escaped, except our own colours and, as a write of its own, the live view's redraw.
 * JSON keeps its exact value with C1 and bidi characters written as \u escapes.
 */
export const safeConsole = (mode: OutputMode, console: Console): Console => {
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
