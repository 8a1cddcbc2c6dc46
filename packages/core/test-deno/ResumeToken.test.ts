/** Resume tokens under Deno: the core encodes and decodes them with no Node Buffer. */
import { Effect } from "effect"
import { decodeResumeToken, encodeResumeToken } from "../src/index.ts"

Deno.test("a resume token round-trips and reads like the Node-printed one", async () => {
  const location = "https://cloudpartner.azure.com/api/publishers/contoso/offers/vm/operations/op-1?api-version=2017-10-31"
  const token = encodeResumeToken({ location, deadline: 1764547200000, offer: "contoso/vm é" })
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error(`not base64url: ${token}`)
  const decoded = await Effect.runPromise(decodeResumeToken(token))
  const expected = JSON.stringify({ v: 1, location, deadline: 1764547200000, offer: "contoso/vm é" })
  if (JSON.stringify(decoded) !== expected) throw new Error(`round trip changed the token: ${JSON.stringify(decoded)}`)
  const refused = await Effect.runPromise(Effect.flip(decodeResumeToken("not a token!")))
  if (refused._tag !== "InvalidInput") throw new Error(`expected InvalidInput, got ${refused._tag}`)
})
