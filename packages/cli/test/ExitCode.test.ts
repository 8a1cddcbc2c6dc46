/** The exit codes scripts depend on, as the issue fixes them. */
import { BadRequest, Outcome, Forbidden, InvalidInput, InvalidResponse, NotFound, Operation, OperationFailed, Unauthorized, Unavailable, WaitTimeout } from "@offerops/core"
import { describe, expect, it } from "vitest"
import { exitCodeOf, exitCodeOfOutcome } from "../src/ExitCode.ts"
import { NotConfirmed, NothingRunning, UsageError } from "../src/Failure.ts"

const request = { method: "GET", path: "/api/x", message: "m" }

describe("exitCodeOf", () => {
  it.each([
    [new InvalidInput({ message: "m" }), 2],
    [new UsageError({ message: "m" }), 2],
    [new BadRequest({ ...request, status: 400 }), 3],
    [new Unauthorized({ ...request, status: 401 }), 4],
    [new Forbidden({ ...request, status: 403 }), 5],
    [new NotFound({ ...request, status: 404 }), 6],
    [new NothingRunning({ offer: "p/o" }), 6],
    [new NotConfirmed({ offer: "p/o", message: "m" }), 2],
    [new OperationFailed({ location: "/l", operation: new Operation({ status: "failed" }), message: "m" }), 7],
    [new WaitTimeout({ location: "/l", resumeToken: "t", message: "m" }), 8],
    [new Unavailable({ ...request, status: 503 }), 9],
    [new InvalidResponse({ ...request, status: 200 }), 10]
  ] as const)("%s exits %i", (failure, code) => {
    expect(exitCodeOf(failure)).toBe(code)
  })
})

describe("exitCodeOfOutcome", () => {
  const operation = new Operation({ status: "completed" })
  it.each([
    [Outcome.cases.Canceled.make({ offer: "p/o" }), 0],
    [Outcome.cases.Accepted.make({ offer: "p/o", location: "/l", resumeToken: "t" }), 0],
    [Outcome.cases.EndedFirst.make({ offer: "p/o", location: "/l", operation }), 11],
    [Outcome.cases.CancelFailed.make({ offer: "p/o", location: "/l" }), 7],
    [Outcome.cases.NothingRunning.make({ offer: "p/o" }), 6]
  ] as const)("%o exits %i", (outcome, code) => {
    expect(exitCodeOfOutcome(outcome)).toBe(code)
  })
})
