import { describe, expect, it } from "vitest"
import { type CancelEnd, type Operation, stateAt } from "../src/Operation.ts"
import { planFor } from "../src/Steps.ts"

const minute = 60_000
const hour = 60 * minute

const publish = (overrides: Partial<Operation> = {}): Operation => ({
  id: "op",
  kind: "publish",
  publisherId: "p",
  offerId: "o",
  publishingVersion: 1,
  offerVersion: 1,
  legacyId: "p$o$1$preview",
  sequence: 0,
  createdAt: 0,
  steps: planFor("publish", {}),
  queuedMs: 0,
  failAt: undefined,
  notificationEmails: "",
  targetId: undefined,
  completesAfter: undefined,
  outcome: undefined,
  signedOffAt: undefined,
  cancelRequestedAt: undefined,
  canceledAt: undefined,
  cancelOperationId: undefined,
  polls: 0,
  pollsExhaustedAt: undefined,
  ...overrides
})

const statuses = (op: Operation, now: number, cancel?: CancelEnd) =>
  stateAt(op, now, cancel).steps.map((step) => step.status)

describe("operation state machine", () => {
  it("walks the six documented steps in order", () => {
    expect(publish().steps.map((s) => s.id)).toEqual([
      "displaydummycertify",
      "displaycertify",
      "displayprovision",
      "displaypackage",
      "publisher-signoff",
      "live"
    ])
    expect(statuses(publish(), 0)).toEqual(["running", "notStarted", "notStarted", "notStarted", "notStarted", "notStarted"])
    expect(statuses(publish(), 11 * minute)).toEqual(["completed", "running", "notStarted", "notStarted", "notStarted", "notStarted"])
  })

  it("reports progress within the running step", () => {
    const state = stateAt(publish(), 5 * minute, undefined)
    expect(state.status).toBe("running")
    expect(state.steps[0]?.progressPercentage).toBe(50)
  })

  /** 10 min + 2 d + 12 h + 30 min: the steps before sign-off. */
  const toSignoff = 10 * minute + 2 * 24 * hour + 12 * hour + 30 * minute

  it("waits at publisher sign-off, running without progress, however long it takes", () => {
    for (const now of [toSignoff, 365 * 24 * hour]) {
      const state = stateAt(publish(), now, undefined)
      expect(state.status).toBe("running")
      expect(state.steps.map((s) => s.status)).toEqual(["completed", "completed", "completed", "completed", "running", "notStarted"])
      expect(state.steps[4]?.progressPercentage).toBe(0)
      expect(state.lastActionAt).toBe(toSignoff)
    }
  })

  it("completes when the publisher goes live; the live step is the go-live's", () => {
    const op = publish({ signedOffAt: toSignoff + 3 * hour })
    expect(stateAt(op, toSignoff + hour, undefined).status).toBe("running")
    const state = stateAt(op, toSignoff + 3 * hour, undefined)
    expect(state).toMatchObject({ status: "completed", lastActionAt: toSignoff + 3 * hour })
    expect(state.steps.map((s) => s.status)).toEqual(["completed", "completed", "completed", "completed", "completed", "notStarted"])
  })

  it("can be cancelled while it waits at sign-off", () => {
    const op = publish({ cancelRequestedAt: toSignoff + hour })
    const canceled = stateAt(op, toSignoff + 2 * hour, { at: toSignoff + hour, outcome: "completed" })
    expect(canceled.status).toBe("canceled")
    expect(canceled.steps[4]?.status).toBe("canceled")
  })

  it("fails at the configured step and leaves later steps not started", () => {
    const op = publish({ failAt: "displaycertify" })
    expect(stateAt(op, hour, undefined).status).toBe("running")
    const state = stateAt(op, 3 * 24 * hour, undefined)
    expect(state.status).toBe("failed")
    expect(state.steps.map((s) => s.status)).toEqual(["completed", "failed", "notStarted", "notStarted", "notStarted", "notStarted"])
  })

  it("freezes progress when a cancel is requested and cancels the running step when it takes effect", () => {
    const op = publish({ cancelRequestedAt: hour })
    const pending = stateAt(op, 10 * hour, undefined)
    expect(pending.status).toBe("running")
    expect(pending.cancelRequested).toBe(true)
    expect(pending.steps[1]?.progressPercentage).toBe(stateAt(publish(), hour, undefined).steps[1]?.progressPercentage)
    const canceled = stateAt(op, 10 * hour, { at: 2 * hour, outcome: "completed" })
    expect(canceled.status).toBe("canceled")
    expect(canceled.steps.map((s) => s.status)).toEqual(["completed", "canceled", "notStarted", "notStarted", "notStarted", "notStarted"])
  })

  it("reads not started while queued", () => {
    const op = publish({ queuedMs: minute })
    expect(stateAt(op, 30_000, undefined).status).toBe("notStarted")
    expect(stateAt(op, 2 * minute, undefined).status).toBe("running")
  })

  it("starts a go-live at the live step, the preview steps already complete, and ends it completed", () => {
    const op = publish({ kind: "golive", steps: planFor("golive", {}) })
    expect(statuses(op, 0)).toEqual(["completed", "completed", "completed", "completed", "completed", "running"])
    expect(stateAt(op, 3 * 24 * hour, undefined).status).toBe("completed")
  })

  it("ends a cancel operation after its poll budget or its time, whichever first", () => {
    const cancel = publish({ kind: "cancel", steps: [], completesAfter: { polls: 2, ms: minute } })
    expect(stateAt(cancel, 0, undefined).status).toBe("running")
    expect(stateAt(cancel, minute, undefined).status).toBe("completed")
    expect(stateAt({ ...cancel, pollsExhaustedAt: 10 }, 10, undefined).status).toBe("completed")
  })

  it("ends a cancel operation failed when its outcome says so", () => {
    const cancel = publish({ kind: "cancel", steps: [], completesAfter: { polls: undefined, ms: minute }, outcome: "failed" })
    expect(stateAt(cancel, 0, undefined).status).toBe("running")
    expect(stateAt(cancel, minute, undefined)).toMatchObject({ status: "failed", lastActionAt: minute })
  })

  it("after a failed cancel, runs on as if never asked: the step could not be interrupted", () => {
    const op = publish({ cancelRequestedAt: hour })
    const refused: CancelEnd = { at: 2 * hour, outcome: "failed" }
    const pending = stateAt(op, 2 * hour - 1, refused)
    expect(pending).toMatchObject({ status: "running", cancelRequested: true })
    const after = stateAt(op, 10 * hour, refused)
    expect(after).toMatchObject({ status: "running", cancelRequested: false })
    expect(after.steps).toEqual(stateAt(publish(), 10 * hour, undefined).steps)
    expect(stateAt(op, 6 * 24 * hour, refused).steps[4]?.status).toBe("running")
  })
})
