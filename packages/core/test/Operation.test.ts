import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { messageText, Operation, OperationBody, operationFromBody } from "../src/Operation.ts"

describe("messageText", () => {
  it("shows the service's HTML message as plain text", () => {
    expect(messageText({ messageHtml: "<b>Certification</b> failed: see <a href=\"x\">report</a> &amp; retry &lt;soon&gt;" }))
      .toBe("Certification failed: see report & retry <soon>")
    expect(messageText({})).toBe("")
  })
})

describe("OperationBody", () => {
  const decode = (body: unknown) => operationFromBody(Schema.decodeUnknownSync(OperationBody)(body))

  it("reads the table's object and the sample's one-element array alike, ignoring unknown fields", () => {
    const detail = { status: "running", steps: [{ id: "displaycertify", status: "InProgress", messages: ["queued"] }], extra: 1 }
    for (const body of [detail, [detail]]) {
      const operation = decode(body)
      expect(operation).toBeInstanceOf(Operation)
      expect(operation.state).toBe("running")
      expect(operation.currentStep?.id).toBe("displaycertify")
      // The newest table calls step messages strings; the samples send objects. Both read as messages.
      expect(operation.steps?.[0]?.messages).toEqual([{ messageHtml: "queued" }])
    }
  })
})
