/**
 * Text from the service made inert before a face shows it. Ids, statuses and messages are the
 * service's to choose; raw, an ESC or OSC sequence in one could retitle or clear a terminal, write
 * its clipboard (OSC 52) or forge a link (OSC 8), and a bidi override could reorder what is read.
 */

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const visible = (char: string): string => {
  const code = char.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/** Every unsafe character shown as a visible escape (`\x1b`, `\u202e`); tabs and newlines kept. */
export const escapeControls = (text: string): string => text.replace(unsafe, visible)

// JSON.stringify escapes C0 itself; these it leaves raw, and a terminal showing the JSON acts on them.
const unsafeInJson = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on written as `\uXXXX`
 * escapes: the same JSON value, inert on a screen. Outside strings JSON has no such characters.
 */
export const escapeJsonControls = (json: string): string =>
  json.replace(unsafeInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
