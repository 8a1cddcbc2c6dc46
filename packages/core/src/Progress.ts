/**
 * One element of a wait: the operation as just read, where it lives, and a resume token with which
 * another process (or `offerops watch`) continues the same wait from here, deadline included.
 */
import type { Operation } from "./Operation.ts"

export interface Progress {
  readonly operation: Operation
  /** The absolute URL of `operation`. */
  readonly location: string
  readonly resumeToken: string
  /** "cancel" for a cancel request's own operation; "operation" for the one watched or being cancelled. */
  readonly subject: "operation" | "cancel"
}
