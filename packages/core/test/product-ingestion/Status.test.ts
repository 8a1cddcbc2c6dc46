/** Product Ingestion's configure-status and submissions in the story's terms, and its error bodies. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { describeProductIngestionError, saysAlreadyCompleted } from "../../src/product-ingestion/ErrorBody.ts"
import { ConfigureStatus, PiaSubmission } from "../../src/product-ingestion/Schemas.ts"
import { jobOperation, submissionOperation, submissionRuns } from "../../src/product-ingestion/Status.ts"

const status = (fields: Record<string, unknown>) =>
  Schema.decodeUnknownSync(ConfigureStatus)({ jobStatus: "running", jobResult: "pending", jobStart: "2026-12-06T10:00:00Z", jobEnd: "0001-01-01T00:00:00", ...fields })

describe("configure-status", () => {
  it("runs while notStarted or running; once completed, its jobResult decides", () => {
    assert.strictEqual(jobOperation(status({ jobStatus: "notStarted" }), "j").state, "notStarted")
    assert.strictEqual(jobOperation(status({}), "j").state, "running")
    assert.strictEqual(jobOperation(status({ jobStatus: "completed", jobResult: "cancelled" }), "j").state, "canceled")
    assert.strictEqual(jobOperation(status({ jobStatus: "completed", jobResult: "succeeded" }), "j").state, "completed")
    assert.strictEqual(jobOperation(status({ jobStatus: "completed", jobResult: "failed" }), "j").state, "failed")
  })

  it("reads the job id as jobId or jobID, the unset end as absent, and the errors with their details", () => {
    assert.strictEqual(jobOperation(status({ jobID: "from-doc" }), "asked").id, "from-doc")
    assert.strictEqual(jobOperation(status({ jobId: "from-clients" }), "asked").id, "from-clients")
    const operation = jobOperation(status({
      jobStatus: "completed",
      jobResult: "failed",
      errors: [{ code: "conflict", message: "<b>locked</b>", details: [{ code: "productLocked", message: "another job runs" }] }]
    }), "j")
    assert.strictEqual(operation.lastActionDateTime, undefined)
    assert.deepStrictEqual(operation.messages?.map((m) => m.messageHtml), ["conflict: &lt;b&gt;locked&lt;/b&gt; — productLocked: another job runs"])
  })

  it("a submission shows target, status, result and created", () => {
    const submission = Schema.decodeUnknownSync(PiaSubmission)({
      id: "submission/p/1",
      target: { targetType: "preview" },
      status: "running",
      result: "pending",
      created: "2026-12-06T10:00:00Z"
    })
    assert.isTrue(submissionRuns(submission))
    const operation = submissionOperation(submission)
    assert.strictEqual(operation.submissionType, "preview")
    assert.strictEqual(operation.createdDateTime, "2026-12-06T10:00:00Z")
    assert.strictEqual(submissionOperation({ ...submission, status: "completed", result: "succeeded" }).state, "completed")
  })
})

describe("Product Ingestion error bodies", () => {
  it("reads the documented error with its details, and tells the 'already completed' refusal", () => {
    const body = JSON.stringify({ error: { code: "badRequest", message: "Cannot cancel job, job has already completed.", details: [] } })
    const read = describeProductIngestionError(body)
    assert.deepStrictEqual(read, { code: "badRequest", message: "Cannot cancel job, job has already completed." })
    assert.isTrue(saysAlreadyCompleted(read.message))
    assert.isFalse(saysAlreadyCompleted("Cannot cancel job, job is publishing to live."))
    const detailed = describeProductIngestionError(JSON.stringify({
      error: { code: "conflict", message: "Locked", details: [{ code: "productLocked", message: "another job runs" }] }
    }))
    assert.strictEqual(detailed.message, "Locked — productLocked: another job runs")
    assert.strictEqual(describeProductIngestionError(JSON.stringify({ title: "Too Many Requests", status: 429 })).message, "Too Many Requests")
  })
})
