/**
 * Submissions as a fixed-width table, aligned in every language the CLI speaks.
 */
import { kindText, operationStatusText, type Submission, type Translator } from "@offerops/core"
import { inert } from "./SafeConsole.ts"

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
