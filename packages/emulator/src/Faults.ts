/**
 * Misbehaviour on purpose. Rules match requests by route and method; each
 * request draws from a seeded generator, so a run with the same seed and the
 * same requests fails the same way. Latency rules add up; of the other rules,
 * the first that matches decides what goes wrong.
 */
export type FaultKind =
  | "latency"
  | "status"
  | "reset"
  | "reset-after"
  | "truncate"
  | "malformed"
  | "slow-body"
  /** The request is read and never answered, until the client hangs up or the emulator closes. */
  | "hang"
  /** The service acts, then its answer carries a body of `bytes` (default 64 MiB), without Content-Length. */
  | "huge-body"

export type RetryAfter = { readonly seconds: number } | { readonly date: true; readonly seconds: number }

export interface FaultRule {
  /** A path prefix (e.g. "/api/publishers/contoso/offers/o1/cancel"), or a regular expression tested against path and query. */
  readonly route?: string
  readonly method?: string
  readonly kind: FaultKind
  /** For "status": the status to answer with; default 503. */
  readonly status?: number
  /** For "status": a Retry-After in seconds, or as an HTTP-date that many seconds from now. */
  readonly retryAfter?: RetryAfter
  /** For "latency": the delay before handling; for "slow-body": how long the body takes to trickle out. */
  readonly latencyMs?: number
  /** For "huge-body": how many bytes the body has. Default 64 MiB. */
  readonly bytes?: number
  /** Apply to the next N matching requests, then stop. */
  readonly times?: number
  /** Chance, 0..1, that a matching request is hit, drawn from the seeded generator. */
  readonly probability?: number
}

export interface FaultPlan {
  readonly latencyMs: number
  /** The non-latency rule that applies to this request, if any. */
  readonly fault: FaultRule | undefined
}

const faultKinds: ReadonlyArray<FaultKind> = [
  "latency",
  "status",
  "reset",
  "reset-after",
  "truncate",
  "malformed",
  "slow-body",
  "hang",
  "huge-body"
]

/** mulberry32: tiny, seedable and good enough to decide which requests fail. */
const seededRandom = (seed: number): () => number => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const matchesRoute = (route: string | undefined, pathWithQuery: string): boolean => {
  if (route === undefined) return true
  const pathname = pathWithQuery.split("?")[0] ?? pathWithQuery
  if (pathname.startsWith(route)) return true
  try {
    return new RegExp(route).test(pathWithQuery)
  } catch {
    return false
  }
}

interface ActiveRule {
  readonly rule: FaultRule
  remaining: number
}

export class Faults {
  readonly #random: () => number
  #rules: Array<ActiveRule> = []

  constructor(seed: number) {
    this.#random = seededRandom(seed)
  }

  add(rule: FaultRule): void {
    if (!faultKinds.includes(rule.kind)) throw new Error(`Unknown fault kind ${String(rule.kind)}`)
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
      throw new RangeError(`probability must be within 0..1, got ${rule.probability}`)
    }
    if (rule.bytes !== undefined && !(Number.isInteger(rule.bytes) && rule.bytes >= 0)) {
      throw new RangeError(`bytes must be a whole number >= 0, got ${rule.bytes}`)
    }
    this.#rules.push({ rule, remaining: rule.times ?? Infinity })
  }

  clear(): void {
    this.#rules = []
  }

  rules(): ReadonlyArray<FaultRule> {
    return this.#rules.map((active) => active.rule)
  }

  /** Decides what goes wrong with one request, consuming `times` and random draws of the rules it hits. */
  plan(method: string, pathWithQuery: string): FaultPlan {
    let latencyMs = 0
    let fault: FaultRule | undefined
    for (const active of this.#rules) {
      const { rule } = active
      if (active.remaining <= 0) continue
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue
      if (!matchesRoute(rule.route, pathWithQuery)) continue
      if (rule.kind !== "latency" && fault !== undefined) continue
      if (rule.probability !== undefined && this.#random() >= rule.probability) continue
      active.remaining -= 1
      if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 0
      else fault = rule
    }
    this.#rules = this.#rules.filter((active) => active.remaining > 0)
    return { latencyMs, fault }
  }
}
