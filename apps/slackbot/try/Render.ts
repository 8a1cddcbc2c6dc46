/**
 * What Slack would show, as terminal lines: Block Kit sections, fields and context as text, Slack's
 * mrkdwn (bold, code, links, mentions, dates, emoji) made readable, buttons as `[1 Label]` to press
 * by number. Bold and dim only when the terminal takes colour.
 */
import type { Block, Button, Shown } from "./SlackStandIn.ts"

export interface Style {
  bold(text: string): string
  dim(text: string): string
}

export const plainStyle: Style = { bold: (text) => text, dim: (text) => text }
export const terminalStyle: Style = { bold: (text) => `\x1b[1m${text}\x1b[22m`, dim: (text) => `\x1b[2m${text}\x1b[22m` }

const emoji: Readonly<Record<string, string>> = {
  warning: "⚠️",
  hourglass: "⏳",
  hourglass_flowing_sand: "⏳",
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  no_entry: "⛔",
  stop_sign: "🛑",
  octagonal_sign: "🛑",
  information_source: "ℹ️"
}

/** Slack's mrkdwn as terminal text. */
export const mrkdwn = (text: string, style: Style): string =>
  text
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<@(\w+)>/g, "@$1")
    .replace(/<#(\w+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name ?? id}`)
    .replace(/<!(\w+)>/g, "@$1")
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji[name] ?? whole)
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, (_, before: string, bold: string) => `${before}${style.bold(bold)}`)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")

const indent = (text: string) => text.split("\n").map((line) => `  ${line}`).join("\n")

/** `buttons` holds the message's buttons not yet drawn, in order; an actions block takes its own. */
const blockLines = (block: Block, style: Style, buttons: Array<Button>): Array<string> => {
  switch (block.type) {
    case "section":
    case "header":
      return [
        ...(block.text === undefined ? [] : [indent(mrkdwn(block.text.text, style))]),
        // A field is "*Label*\nvalue": one line each, "Label: value".
        ...(block.fields ?? []).map((field) => indent(mrkdwn(field.text.replace(/^(\*[^*\n]+\*)\n/, "$1: "), style)))
      ]
    case "context":
      return (block.elements ?? []).map((element) => indent(style.dim(mrkdwn(typeof element.text === "string" ? element.text : element.text?.text ?? "", style))))
    case "actions":
      return [indent(
        (block.elements ?? []).filter((element) => element.type === "button")
          .map(() => buttons.shift())
          .map((button) => button === undefined ? "" : style.bold(`[${button.number} ${button.label}]`))
          .join("  ")
      )]
    case "divider":
      return ["  ────────"]
    default:
      return []
  }
}

/** A message as it appears: where (only you, or the channel), whether it was edited, and its blocks. */
export const render = (shown: Shown, channelName: string, style: Style): string => {
  const where = shown.message.ephemeral ? "only visible to you" : `${channelName} · offerops`
  const header = style.dim(`── ${where}${shown.replaced ? " (updated)" : ""} ──`)
  const buttons = [...shown.buttons]
  const body = shown.message.blocks.length === 0
    ? [indent(mrkdwn(shown.message.text, style))]
    : shown.message.blocks.flatMap((block) => blockLines(block, style, buttons))
  return [header, ...body].join("\n")
}
