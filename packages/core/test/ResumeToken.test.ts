/** Resume tokens: base64url JSON both ways, tokens printed by earlier versions, and what is refused. */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { remedyOf } from "../src/Remedy.ts"
import { decodeResumeToken, encodeResumeToken, resumeTokenPrefix } from "../src/ResumeToken.ts"

const location = "https://cloudpartner.azure.com/api/publishers/contoso/offers/vm/operations/op-1?api-version=2017-10-31"

// Printed by the Buffer-based encoder this module used before: tokens users saved must still work.
const earlierToken =
  "eyJ2IjoxLCJsb2NhdGlvbiI6Imh0dHBzOi8vY2xvdWRwYXJ0bmVyLmF6dXJlLmNvbS9hcGkvcHVibGlzaGVycy9jb250b3NvL29mZmVycy92bS9vcGVyYXRpb25zL29wLTE_YXBpLXZlcnNpb249MjAxNy0xMC0zMSIsImRlYWRsaW5lIjoxNzY0NTQ3MjAwMDAwLCJvZmZlciI6ImNvbnRvc28vdm0gw6kifQ"

describe("resume tokens", () => {
  it.effect("round-trip as URL-safe text that pastes into a shell", () =>
    Effect.gen(function*() {
      const token = encodeResumeToken({ location, deadline: 1764547200000, offer: "contoso/vm é" })
      assert.match(token, /^[A-Za-z0-9_-]+$/)
      assert.deepStrictEqual(yield* decodeResumeToken(`  ${token}\n`), {
        v: 1,
        location,
        deadline: 1764547200000,
        offer: "contoso/vm é"
      })
    }))

  it.effect("encode exactly as before, so earlier tokens and new ones are the same text", () =>
    Effect.gen(function*() {
      assert.strictEqual(encodeResumeToken({ location, deadline: 1764547200000, offer: "contoso/vm é" }), earlierToken)
      assert.strictEqual((yield* decodeResumeToken(earlierToken)).offer, "contoso/vm é")
    }))

  it.effect("carry the cancelled operation as version 2, and stay version 1 without it", () =>
    Effect.gen(function*() {
      const both = yield* decodeResumeToken(encodeResumeToken({ location, canceled: "/api/x", deadline: 5 }))
      assert.deepStrictEqual(both, { v: 2, location, deadline: 5, canceled: "/api/x" })
      assert.strictEqual((yield* decodeResumeToken(encodeResumeToken({ location }))).v, 1)
    }))

  it.effect("accept the JSON itself", () =>
    Effect.gen(function*() {
      const token = yield* decodeResumeToken(`{"v":1,"location":"${location}"}`)
      assert.strictEqual(token.location, location)
    }))

  it.effect.each([
    "not a token!",
    encodeResumeToken({ location }).slice(0, 20),
    Buffer.from(JSON.stringify({ v: 3, location })).toString("base64url"),
    "{\"v\":1}"
  ])("refuse %j as a wrong resume token, whose advice says what a token looks like", (text) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(decodeResumeToken(text))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(error.input, "ResumeToken")
      assert.include(remedyOf(error).todo, `it starts with ${resumeTokenPrefix}`)
    }))

  it("every token, version 1 or 2, starts with the prefix the advice and the READMEs show", () => {
    assert.isTrue(encodeResumeToken({ location }).startsWith(resumeTokenPrefix))
    assert.isTrue(encodeResumeToken({ location, canceled: location, offer: "contoso/vm" }).startsWith(resumeTokenPrefix))
  })
})
