import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { messageText, Operation, OperationBody, operationFromBody } from "../src/Operation.ts"

describe("messageText", () => {
  it("shows the service's HTML message as plain text", () => {
    expect(messageText({ messageHtml: "<b>Certification</b> failed: see <a href=\"x\">report</a> &amp; retry &lt;soon&gt;" }))
      .toBe("Certification failed: see report & retry <soon>")
    expect(messageText({})).toBe("")
  })

  it("keeps the line breaks of block tags and collapses the source's own whitespace", () => {
    const html = "<p>Certification\n   failed.</p><p>Fix these:</p><ul>\n<li>logo too small</li><li>no <b>privacy</b> link</li></ul>" +
      "<div>Then publish again.<br/>Thanks</div>"
    expect(messageText({ messageHtml: html })).toBe(
      "Certification failed.\nFix these:\n• logo too small\n• no privacy link\nThen publish again.\nThanks"
    )
  })

  it("decodes numeric entities, decimal and hex, as well as named ones", () => {
    expect(messageText({ messageHtml: "The offer&#39;s logo isn&#x27;t valid &mdash; &#8212; &quot;fix&quot;&nbsp;it&hellip; &unknown;" }))
      .toBe("The offer's logo isn't valid — — \"fix\" it… &unknown;")
    // Decoded after the tags are gone: escaped markup stays text.
    expect(messageText({ messageHtml: "use &lt;br&gt; &amp;#39; &#0; &#x110000;" })).toBe("use <br> &#39; &#0; &#x110000;")
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
