/**
 * The core under Deno, over fetch: cancel a running publish on the emulator (started as a Node
 * process, as a user would run it) and wait for the cancellation to a confirmed end.
 */
import { Duration, Effect, Layer, Option, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"
import {
  awaitCancellation,
  CppClient,
  cppConfig,
  decideOutcome,
  decodeResumeToken,
  encodeResumeToken,
  findRunningOperation,
  lastSeen,
  Operation,
  parseOfferRef,
  type Progress,
  TokenProvider
} from "../src/index.ts"

interface RunningEmulator {
  readonly url: string
  readonly token: string
  close(): Promise<void>
}

const startEmulator = async (): Promise<RunningEmulator> => {
  const bin = new URL("../../emulator/bin/emulator.js", import.meta.url).pathname
  const child = new Deno.Command("node", { args: [bin, "--port", "0"], stdout: "piped", stderr: "null" }).spawn()
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader()
  const found: Record<string, string> = {}
  let text = ""
  const deadline = Date.now() + 20_000
  while (!(found.CPP_BASE_URL && found.CPP_TOKEN) && Date.now() < deadline) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
    for (const match of text.matchAll(/^(?:export )?(CPP_BASE_URL|CPP_TOKEN)=(\S+)/gm)) found[match[1]!] = match[2]!
  }
  await reader.cancel()
  const close = async () => {
    child.kill("SIGTERM")
    await child.status
  }
  if (!found.CPP_BASE_URL || !found.CPP_TOKEN) {
    await close()
    throw new Error(`the emulator did not print its URL and token: ${text.slice(0, 500)}`)
  }
  return { url: found.CPP_BASE_URL, token: found.CPP_TOKEN, close }
}

Deno.test("cancels the demo offer's running publish and confirms it ended canceled", async () => {
  const emulator = await startEmulator()
  try {
    const live = CppClient.layer.pipe(
      Layer.provide([FetchHttpClient.layer, TokenProvider.static(Redacted.make(emulator.token))]),
      Layer.provideMerge(cppConfig({ baseUrl: emulator.url, pollInitial: Duration.millis(20), retryAfterMin: Duration.millis(20) }))
    )
    const final = await Effect.gen(function*() {
      const offer = yield* parseOfferRef("contoso/contoso-vm")
      const running = yield* findRunningOperation(offer)
      if (Option.isNone(running)) throw new Error("the demo offer has nothing running")
      const result = yield* CppClient.use((client) => client.cancelOffer(offer))
      return yield* awaitCancellation(offer, result, running.value.id, { timeout: "20 seconds" })
    }).pipe(Effect.provide(live), Effect.runPromise)
    if (final._tag !== "Canceled" || final.operation?.state !== "canceled") {
      throw new Error(`expected the operation to end canceled, got ${JSON.stringify(final)}`)
    }
  } finally {
    await emulator.close()
  }
})

Deno.test("maps a 404 for an unknown offer to NotFound", async () => {
  const emulator = await startEmulator()
  try {
    const live = CppClient.layer.pipe(
      Layer.provide([FetchHttpClient.layer, TokenProvider.static(Redacted.make(emulator.token))]),
      Layer.provideMerge(cppConfig({ baseUrl: emulator.url }))
    )
    const error = await Effect.gen(function*() {
      const offer = yield* parseOfferRef("contoso/no-such-offer")
      return yield* Effect.flip(CppClient.use((client) => client.listSubmissions(offer)))
    }).pipe(Effect.provide(live), Effect.runPromise)
    if (error._tag !== "NotFound") throw new Error(`expected NotFound, got ${error._tag}`)
  } finally {
    await emulator.close()
  }
})

Deno.test("decides the outcome: canceled only when the service says so, else ended first", () => {
  const location = "https://x/api/publishers/p/offers/o/operations/op-1"
  const read = (status: string): Progress => ({ operation: new Operation({ id: "op-1", status }), location, resumeToken: "t", subject: "operation" })
  const decide = (status: string) => decideOutcome("p/o", { _tag: "Canceled" }, [read("running"), read(status)].reduce(lastSeen, {}), location)._tag
  if (decide("cancelled") !== "Canceled") throw new Error(`cancelled read as ${decide("cancelled")}`)
  if (decide("completed") !== "EndedFirst") throw new Error(`completed read as ${decide("completed")}`)
  if (decide("failed") !== "EndedFirst") throw new Error(`failed read as ${decide("failed")}`)
  if (decide("running") !== "CancelFailed") throw new Error(`running read as ${decide("running")}`)
})

Deno.test("a resume token round-trips, and a version 1 token still decodes", async () => {
  const token = encodeResumeToken({ location: "/api/a", canceled: "/api/b", deadline: 5, offer: "p/o" })
  const decoded = await Effect.runPromise(decodeResumeToken(token))
  const expected = { v: 2, location: "/api/a", deadline: 5, offer: "p/o", canceled: "/api/b" }
  if (JSON.stringify(decoded) !== JSON.stringify(expected)) {
    throw new Error(`round trip gave ${JSON.stringify(decoded)}`)
  }
  const v1 = await Effect.runPromise(decodeResumeToken("eyJ2IjoxLCJsb2NhdGlvbiI6Ii9hcGkvYSJ9"))
  if (v1.v !== 1 || v1.location !== "/api/a") throw new Error(`v1 gave ${JSON.stringify(v1)}`)
})
