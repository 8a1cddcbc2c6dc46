/** The references a person types, as a fixed contract: each accepted form, and every malformed one a usage error naming them all. */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { apiOf, parseReference, Reference, referenceText } from "../src/Reference.ts"

const parse = (text: string) => Effect.runSync(Effect.result(parseReference(text)))

describe("parseReference", () => {
  it("reads each accepted form and writes it back", () => {
    const cases: ReadonlyArray<readonly [string, Reference, string]> = [
      ["contoso/vm-offer", Reference.cases.Offer.make({ publisherId: "contoso", offerId: "vm-offer" }), "cpp"],
      ["product:2b2f7b8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", Reference.cases.Product.make({ id: "2b2f7b8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" }), "ingestion"],
      ["product:my-app-offer", Reference.cases.Product.make({ id: "my-app-offer" }), "ingestion"],
      ["job:9a8b7c6d-0000-4000-8000-000000000001", Reference.cases.Job.make({ jobId: "9a8b7c6d-0000-4000-8000-000000000001" }), "productIngestion"],
      ["pia:my-saas", Reference.cases.PiaProduct.make({ id: "my-saas" }), "productIngestion"]
    ]
    for (const [text, expected, api] of cases) {
      const result = parse(`  ${text} `)
      assert.isTrue(result._tag === "Success", text)
      if (result._tag !== "Success") continue
      assert.deepStrictEqual(result.success, expected)
      assert.strictEqual(referenceText(result.success), text)
      assert.strictEqual(apiOf(result.success), api)
    }
  })

  it("takes PIA's own `product/<guid>` spelling and any case of the prefix", () => {
    const result = parse("PIA:product/2b2f7b8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b")
    assert.deepStrictEqual(result._tag === "Success" ? result.success : undefined, Reference.cases.PiaProduct.make({ id: "2b2f7b8a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" }))
  })

  it("refuses anything else with a message naming every accepted form", () => {
    for (const text of ["", "contoso", "a/b/c", "offer:x", "product:", "job:../../x", "product:a b", "job:..", "pia:x?y", "contoso/o\u001b[31m", "constructor:x", "__proto__:x"]) {
      const result = parse(text)
      assert.strictEqual(result._tag, "Failure", JSON.stringify(text))
      if (result._tag !== "Failure") continue
      assert.strictEqual(result.failure._tag, "InvalidInput")
      for (const form of ["<publisherId>/<offerId>", "product:", "job:<jobId>", "pia:"]) assert.include(result.failure.message, form, text)
      assert.notInclude(result.failure.message, "\u001b")
    }
  })
})
