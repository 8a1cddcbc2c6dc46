import { operationKind } from "../src/i18n/Terms.ts"
import { describe, expect, it } from "@effect/vitest"
import { cancellationAllowed, cancellationWarning, isTerminal, operationStatus, stepStatus } from "../src/OperationStatus.ts"

describe("operationStatus", () => {
  it.each([
    ["not started", "notStarted"],
    ["notStarted", "notStarted"],
    ["NotStarted", "notStarted"],
    ["not_started", "notStarted"],
    ["running", "running"],
    ["Running", "running"],
    ["InProgress", "running"],
    ["completed", "completed"],
    ["Completed", "completed"],
    ["succeeded", "completed"],
    ["Succeeded", "completed"],
    ["complete", "completed"],
    ["failed", "failed"],
    ["Failed", "failed"],
    ["canceled", "canceled"],
    ["Canceled", "canceled"],
    ["cancelled", "canceled"],
    ["CANCELLED", "canceled"],
    ["waitingForPublisherReview", "unknown"],
    ["", "unknown"]
  ])("reads %j as %s", (raw, expected) => {
    expect(operationStatus(raw)).toBe(expected)
  })

  it("ends a wait only on completed, failed or canceled", () => {
    expect(["completed", "failed", "canceled"].every((s) => isTerminal(operationStatus(s)))).toBe(true)
    expect(isTerminal(operationStatus("running"))).toBe(false)
    expect(isTerminal(operationStatus("somethingNew"))).toBe(false)
  })
})

describe("stepStatus", () => {
  it.each([
    ["NotStarted", "notStarted"],
    ["notStarted", "notStarted"],
    ["InProgress", "inProgress"],
    ["running", "inProgress"],
    ["WaitingForPublisherReview", "waitingForPublisherReview"],
    ["WaitingForApproval", "waitingForApproval"],
    ["Blocked", "blocked"],
    ["blocked", "blocked"],
    ["Rejected", "rejected"],
    ["Complete", "complete"],
    ["complete", "complete"],
    ["completed", "complete"],
    ["failed", "failed"],
    ["Canceled", "canceled"],
    ["cancelled", "canceled"],
    ["mystery", "unknown"]
  ])("reads %j as %s", (raw, expected) => {
    expect(stepStatus(raw)).toBe(expected)
  })
})

describe("cancellationAllowed", () => {
  it("treats only canCancel (any case) or no information as allowed", () => {
    expect(cancellationAllowed("canCancel")).toBe(true)
    expect(cancellationAllowed("CanCancel")).toBe(true)
    expect(cancellationAllowed(undefined)).toBe(true)
    expect(cancellationAllowed("cannotCancel")).toBe(false)
    expect(cancellationAllowed("cancelRequested")).toBe(false)
  })
})

describe("cancellationWarning", () => {
  it("says nothing when the service allows a cancel, and names the state when it may not", () => {
    expect(cancellationWarning("canCancel")).toBeUndefined()
    expect(cancellationWarning(undefined)).toBeUndefined()
    expect(cancellationWarning("cancelRequested")).toContain(`"cancelRequested"`)
  })
})

describe("statuses named like the object prototype's members", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("reads %j as unknown, never a function", (raw) => {
    expect(operationStatus(raw)).toBe("unknown")
    expect(stepStatus(raw)).toBe("unknown")
    expect(isTerminal(operationStatus(raw))).toBe(false)
    expect(operationKind(raw)).toBe("other")
  })
})
