/**
 * What clients sent and what they got, for assertions ("did the CLI send
 * If-Match?", "how many polls?"). Secrets are redacted and the log is capped so
 * a long-running emulator does not grow without bound.
 */
import type { FaultKind } from "./Faults.ts"

export interface RequestLogEntry {
  readonly method: string
  /** Path with query string. */
  readonly path: string
  /** The status sent, or 0 when the connection was reset before any response. */
  readonly status: number
  /** Request headers, lower-case, with Authorization reduced to its scheme. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** Why the request is outside the documented surface (Surface.ts), if it is. */
  readonly undocumented?: ReadonlyArray<string>
  /** The fault injected into this request, if any. */
  readonly fault?: FaultKind
  /** Virtual epoch ms when the request arrived. */
  readonly virtualTime: number
  /** Wall-clock epoch ms when the request arrived. */
  readonly realTime: number
}

const maxEntries = 10_000

const redactedHeaders: ReadonlyArray<string> = ["authorization", "cookie"]

export const redactHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) =>
      redactedHeaders.includes(name)
        ? [name, `${value.split(" ")[0] === value ? "" : `${value.split(" ")[0]} `}[redacted]`]
        : [name, value]
    )
  )

/** Token requests carry a client secret in the form body. */
export const redactBody = (body: string): string => body.replace(/(client_secret=)[^&]*/g, "$1[redacted]")

export class RequestLog {
  #entries: Array<RequestLogEntry> = []

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry)
    if (this.#entries.length > maxEntries) this.#entries.splice(0, this.#entries.length - maxEntries)
  }

  entries(): ReadonlyArray<RequestLogEntry> {
    return [...this.#entries]
  }

  clear(): void {
    this.#entries = []
  }
}
