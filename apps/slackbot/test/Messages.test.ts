import {
  BadRequest, type CppError, Forbidden, InvalidInput, InvalidResponse, NotFound, Operation, OperationFailed, Outcome, Submission,
  Unauthorized, Unavailable, WaitTimeout
} from "@offerops/core"
import { assert, describe, it } from "@effect/vitest"
import { translator } from "../src/i18n/Translator.ts"
import { confirmation, escape, failure, outcome, usage } from "../src/Messages.ts"

const en = translator("en")

const http = { method: "POST", path: "/api/publishers/contoso/offers/vm/cancel", message: "<!channel> boom" }
const errors: ReadonlyArray<[CppError, string]> = [
  [new BadRequest({ ...http, status: 400, code: "InvalidAPIVersion" }), "CPP_API_VERSION"],
  [new Unauthorized({ ...http, status: 401 }), "AZURE_CLIENT_SECRET"],
  [new Forbidden({ ...http, status: 403 }), "service principal"],
  [new NotFound({ ...http, status: 404 }), "case-sensitive"],
  [new Unavailable({ ...http, status: 503, retryAfterMillis: 30_000 }), "30 s"],
  [new InvalidResponse({ method: "GET", path: "/x", status: 200, message: "not JSON" }), "Partner Center"],
  [new OperationFailed({ location: "/x", operation: new Operation({ status: "failed" }), message: "failed" }), "before trying again"],
  [new WaitTimeout({ location: "/x", resumeToken: "tok123", message: "still running" }), "`offerops watch tok123`"],
  [new InvalidInput({ message: "bad email" }), "/cancel-offer help"]
]

describe("Messages", () => {
  it("notes in the confirmation when the service says it may refuse the cancel", () => {
    const request = {
      id: "c1", requester: "U0ALICE", channel: "C0OPS", offer: "contoso/vm", operationId: "op-1",
      operationType: "publish", emails: [], createdAt: 0
    }
    const submission = new Submission({ id: "op-1", submissionState: "running" })
    const shown = (cancellationRequestState: string) =>
      JSON.stringify(confirmation(en, request, {
        submission,
        operation: new Operation({ status: "running", cancellationRequestState }),
        location: "/api/publishers/contoso/offers/vm/operations/op-1"
      }, 10))
    assert.include(shown("cancelRequested"), "may refuse this cancel")
    assert.notInclude(shown("canCancel"), "may refuse")
  })

  it("renders the core's advice for every core error, escaped", () => {
    for (const [error, todo] of errors) {
      const shown = JSON.stringify(failure(en, error))
      assert.include(shown, todo, error._tag)
      // Text from the API is escaped: it cannot ping the channel.
      assert.notInclude(shown, "<!channel>", error._tag)
    }
  })

  it("gives the service's reason for a failed cancellation, without markup", () => {
    const cancelOperation = new Operation({
      status: "failed",
      messages: [{ messageHtml: "Cancellation started.", level: "information" }, { messageHtml: "<b>Too late</b> to stop.", level: "error" }]
    })
    const request = {
      id: "c1", requester: "U0ALICE", channel: "C0OPS", offer: "contoso/vm", operationId: "op-1",
      operationType: "publish", emails: [], createdAt: 0
    }
    const failed = Outcome.cases.CancelFailed.make({ offer: "contoso/vm", location: "/l", cancelOperation })
    const shown = JSON.stringify(outcome(en, request, "U0ALICE", 0, { _tag: "Decided", outcome: failed }))
    assert.include(shown, "The cancellation on contoso/vm failed: the operation still runs.")
    assert.include(shown, "> Too late to stop.")
    assert.notInclude(shown, "Cancellation started.")
    assert.include(shown, "`/cancel-offer status contoso/vm`")
  })

  it("escapes Slack's control characters and bounds the length", () => {
    assert.strictEqual(escape("<@U1> & <!here>"), "&lt;@U1&gt; &amp; &lt;!here&gt;")
    assert.strictEqual(escape("x".repeat(10), 4), "xxxx…")
    assert.notInclude(JSON.stringify(usage(en, "<!everyone>")), "<!everyone>")
  })
})
