/**
 * The audit trail: one JSON line per request, confirmation, refusal and outcome, saying who acted,
 * where, on which offer and operation, what came of it and how long it took. Built from chosen
 * fields only, so a token, a signing secret or a response_url can never end up in it.
 */

export type AuditEventName =
  | "request" // `/cancel-offer <offer>` asked for a confirmation
  | "status" // `/cancel-offer status <offer>`
  | "history" // `/cancel-offer history <offer>`
  | "confirmation" // Confirm clicked and accepted: the cancel starts
  | "dismissal" // Dismiss clicked
  | "refusal" // anything refused: policy, expiry, reuse, in-flight, bad input
  | "outcome" // how a cancel ended
  | "subscription" // #22: `/cancel-offer watch|unwatch|watching`
  | "watch" // #22: what the watcher did for a subscription: posted a start, an end, a reminder; paused; ended it
  | "outcome-post" // the outcome reached the channel late, or not at all (Slack was down)

export interface AuditEvent {
  readonly event: AuditEventName
  /** The Slack user who acted (the clicker, for button events). */
  readonly who: string
  /** The Slack channel it happened in. */
  readonly where: string
  readonly offer?: string | undefined
  /** The user who asked for the confirmation, when someone else clicked it. */
  readonly requester?: string | undefined
  readonly confirmation?: string | undefined
  readonly operationId?: string | undefined
  /** The operation location being followed (a CPP API path with api-version, nothing secret). */
  readonly location?: string | undefined
  readonly result: string
  readonly durationMs?: number | undefined
}

export interface AuditRecord extends AuditEvent {
  readonly at: string
}

const fields = [
  "event", "who", "where", "offer", "requester", "confirmation", "operationId", "location", "result", "durationMs"
] as const

/** The JSON line for an event: known fields only, in a stable order, strings bounded. */
export const auditLine = (event: AuditEvent, at: number): string => {
  const line: Record<string, unknown> = { at: new Date(at).toISOString(), audit: true }
  for (const field of fields) {
    const value = event[field]
    if (value !== undefined) line[field] = typeof value === "string" ? value.slice(0, 500) : value
  }
  return JSON.stringify(line)
}
