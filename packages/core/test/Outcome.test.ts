/** The one rule for what a cancellation's end means, from what the service last said about each operation. */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Option } from "effect"
import type { CancelResult } from "../src/CppClient.ts"
import { Operation } from "../src/Operation.ts"
import { decideOutcome, type LastSeen, lastSeen } from "../src/Outcome.ts"
import type { Progress } from "../src/Progress.ts"

const target = "https://x/api/publishers/p/offers/o/operations/op-1?api-version=2017-10-31"
const cancelAt = "https://x/api/publishers/p/offers/o/operations/cancel-1?api-version=2017-10-31"
const ok: CancelResult = { _tag: "Canceled" }
const accepted: CancelResult = { _tag: "Accepted", location: Option.some(cancelAt), retryAfter: Option.some(Duration.seconds(1)) }

const seen = (cancel: string | undefined, operation: string | undefined): LastSeen => {
  const progress = (subject: Progress["subject"], location: string, status: string): Progress => ({
    operation: new Operation({ id: subject === "cancel" ? "cancel-1" : "op-1", status }),
    location,
    resumeToken: "t",
    subject
  })
  return [
    ...(cancel === undefined ? [] : [progress("cancel", cancelAt, cancel)]),
    ...(operation === undefined ? [] : [progress("operation", target, operation)])
  ].reduce(lastSeen, {})
}

describe("decideOutcome", () => {
  it.each([
    ["a 200, then the operation reads canceled", ok, undefined, "Canceled", "Canceled"],
    ["a 200 and the spelling `cancelled`", ok, undefined, "cancelled", "Canceled"],
    ["a 202 whose cancel completed, then the operation reads canceled", accepted, "completed", "canceled", "Canceled"],
    ["a 202 whose cancel completed, but the operation completed on its own", accepted, "completed", "completed", "EndedFirst"],
    ["a 200, but the operation reads Succeeded", ok, undefined, "Succeeded", "EndedFirst"],
    ["a 202, but the operation failed on its own", accepted, "completed", "failed", "EndedFirst"],
    ["a 202 whose cancel operation failed", accepted, "failed", undefined, "CancelFailed"],
    ["a 202 whose cancel operation failed, the operation read running", accepted, "failed", "running", "CancelFailed"],
    ["a cancel that completed while the operation still runs", accepted, "completed", "running", "CancelFailed"],
    ["a 200 for an operation never read", ok, undefined, undefined, "Canceled"]
  ] as const)("%s → %s", (_, result, cancel, operation, expected) => {
    expect(decideOutcome("p/o", result, seen(cancel, operation), target)._tag).toBe(expected)
  })

  it("carries the operation as it ended, and where it lives, when it ended first", () => {
    const outcome = decideOutcome("p/o", accepted, seen("completed", "completed"), target)
    expect(outcome).toMatchObject({ _tag: "EndedFirst", offer: "p/o", location: target, operation: { id: "op-1", status: "completed" } })
  })

  it("says which operation still runs and how the cancel ended, when the cancel failed", () => {
    const outcome = decideOutcome("p/o", accepted, seen("failed", undefined), target)
    expect(outcome).toMatchObject({ _tag: "CancelFailed", location: target, cancelLocation: cancelAt, cancelOperation: { status: "failed" } })
  })
})
