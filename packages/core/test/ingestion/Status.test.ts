/** v1.0 submissions in the story's terms: what runs, what may be cancelled and why not, a deleted one; its error bodies and pages. */
import { assert, describe, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import { refusalText } from "../../src/Backend.ts"
import { translator } from "../../src/i18n/Catalogues.ts"
import { describeIngestionError } from "../../src/ingestion/ErrorBody.ts"
import { pageOf, Submission, WorkflowDetails } from "../../src/ingestion/Schemas.ts"
import { cancelRefusal, deletedOperation, isInProgress, submissionOperation } from "../../src/ingestion/Status.ts"

const submission = (fields: Record<string, unknown>) =>
  Schema.decodeUnknownSync(Submission)({ id: "1152921505695125040", state: "InProgress", substate: "Submitted", ...fields })

const unpublished = "1601-01-01T00:00:00Z"

describe("v1.0 submission status", () => {
  it("an in-progress submission runs and may be cancelled; its substate, targets and pending update are shown", () => {
    const s = submission({
      targets: [{ type: "Scope", value: "Preview" }],
      publishedTimeInUtc: unpublished,
      pendingUpdateInfo: { updateType: "Create", status: "Running" }
    })
    assert.isTrue(isInProgress(s))
    assert.strictEqual(cancelRefusal(s), undefined)
    const operation = submissionOperation(s)
    assert.strictEqual(operation.state, "running")
    assert.strictEqual(operation.id, "1152921505695125040")
    assert.deepStrictEqual(operation.messages?.map((m) => m.messageHtml), ["substate: Submitted", "targets: Preview", "pending update: Create Running"])
  })

  it("published, publishing and promoted submissions are refused with the reason", () => {
    const published = cancelRefusal(submission({ state: "Published", substate: "Published" }))
    assert.deepStrictEqual(published, { _tag: "NotInProgress", id: "1152921505695125040", state: "Published" })
    assert.strictEqual(refusalText(published!), "submission 1152921505695125040 is Published: only an in-progress submission can be cancelled")
    assert.strictEqual(cancelRefusal(submission({ substate: "Publishing" }))?._tag, "Publishing")
    const promoted = cancelRefusal(submission({ targets: [{ type: "Scope", value: "Live" }], publishedTimeInUtc: "2026-11-01T10:00:00Z" }))
    assert.strictEqual(promoted?._tag, "Promoted")
    assert.include(refusalText(promoted!, translator("ja")), "1152921505695125040")
    assert.notStrictEqual(refusalText(promoted!, translator("ja")), refusalText(promoted!))
    assert.strictEqual(submissionOperation(submission({ state: "Published", substate: "InStore" })).state, "completed")
  })

  it("a submission gone after its DELETE reads as canceled", () => {
    assert.strictEqual(deletedOperation("42").state, "canceled")
  })

  it("refuses an id sent as a number past 2^53 (it lost its digits)", () => {
    assert.throws(() => Schema.decodeUnknownSync(Submission)({ id: 1152921505695125040, state: "InProgress" }))
    assert.strictEqual(Schema.decodeUnknownSync(Submission)({ id: 42, state: "InProgress" }).id, "42")
  })

  it("reads workflow details as a bare array or a collection", () => {
    const workflow = { type: "Push", targetEnvironment: "Preview", workflowSteps: [{ name: "Certification", state: "InProgress" }] }
    assert.deepStrictEqual(Schema.decodeUnknownSync(WorkflowDetails)([workflow]), Schema.decodeUnknownSync(WorkflowDetails)({ value: [workflow] }))
  })
})

describe("v1.0 pages and error bodies", () => {
  it("reads the next-page link in each spelling", () => {
    for (const key of ["@odata.nextLink", "nextLink", "nextlink"]) {
      assert.deepStrictEqual(pageOf({ value: [], [key]: "https://x/next" })?.nextLink, Option.some("https://x/next"), key)
    }
    assert.deepStrictEqual(pageOf({ value: [1] })?.nextLink, Option.none())
    assert.strictEqual(pageOf({ items: [] }), undefined)
  })

  it("reads a string body holding JSON, a plain string, and ProblemDetails", () => {
    assert.deepStrictEqual(describeIngestionError(JSON.stringify(JSON.stringify({ code: "Conflict", message: "Submission is publishing" }))), {
      code: "Conflict",
      message: "Submission is publishing"
    })
    assert.deepStrictEqual(describeIngestionError(JSON.stringify("Only an in-progress submission can be deleted.")), {
      message: "Only an in-progress submission can be deleted."
    })
    const problem = describeIngestionError(JSON.stringify({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      title: "One or more validation errors occurred.",
      status: 400,
      errors: { "x-ms-publisherId": ["The x-ms-publisherId header is required."] }
    }))
    assert.strictEqual(problem.message, "One or more validation errors occurred. — x-ms-publisherId: The x-ms-publisherId header is required.")
  })
})
