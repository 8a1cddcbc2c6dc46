/**
 * `offerops cancel`: the confirmation rules, the sync (200) and async (202) stories, --no-wait with
 * a resume token, and what scripts read back. The emulator's request log shows what reached the service.
 * In process on a TestClock (offeropsHere), a terminal being a captured one with typed answers; one
 * cancel runs the built bundle.
 */
import type { OfferOptions } from "@offerops/emulator"
import { describe, expect, it } from "vitest"
import { jsonOf, offerops, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator()
let offers = 0

/** A new offer of publisher acme with a publish running on it. */
const runningOffer = (options: OfferOptions = {}) => {
  const offerId = `offer-${++offers}`
  cpp.emulator.addOffer("acme", offerId, options)
  const { id } = cpp.emulator.startOperation("acme", offerId)
  return { ref: `acme/${offerId}`, offerId, publishId: id }
}

const cancelRequests = (offerId: string) =>
  cpp.emulator.requests().filter((request) => request.method === "POST" && request.path.startsWith(`/api/publishers/acme/offers/${offerId}/cancel`))

const fast = ["--poll-interval", "50ms"]

describe("confirmation", () => {
  it("refuses with exit 2 when stdin is not a terminal and --yes is absent, before any request", async () => {
    const offer = runningOffer()
    cpp.emulator.clearRequests()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("pass --yes")
    expect(cpp.emulator.requests()).toEqual([])
    expect(cpp.emulator.operation(offer.publishId)?.status).toBe("running")

    const json = await offeropsHere(cpp.env, ["cancel", offer.ref, "--output", "json"])
    expect(json.code).toBe(2)
    expect(jsonOf(json)).toEqual({ error: { _tag: "UsageError", message: expect.stringContaining("--yes") } })
  })

  it("on a terminal, shows what runs and cancels nothing when the answer is n", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, ...fast], { typed: ["n"] })
    expect(run.code).toBe(2)
    expect(run.stdout).toContain(`Running on ${offer.ref}: publish ${offer.publishId} running`)
    expect(run.stdout).toContain("Validate Pre-Requisites")
    expect(run.stdout).toContain(`Cancel publish ${offer.publishId} on ${offer.ref}? [y/N]`)
    expect(run.stderr).toContain("Nothing was cancelled.")
    expect(cancelRequests(offer.offerId)).toEqual([])
    expect(cpp.emulator.operation(offer.publishId)?.status).toBe("running")
  })

  it("on a terminal, notes when the service says it may refuse the cancel", async () => {
    const offer = runningOffer({ cancel: "async", cancelCompletesAfter: { polls: 1000 } })
    expect((await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--no-wait"])).code).toBe(0)
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, ...fast], { typed: ["n"] })
    expect(run.stdout).toContain(`Note: the service reports cancellationRequestState "cancelRequested"`)
    expect(run.code).toBe(2)
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
  })

  it("on a terminal, cancels when the answer is y", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, ...fast], { typed: ["y"] })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Cancelled publish ${offer.publishId} on ${offer.ref}.`)
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
    expect(cpp.emulator.operation(offer.publishId)?.status).toBe("canceled")
  })

  it("--timeout does not count the time a person takes to answer the prompt", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--timeout", "30s", ...fast], {
      typed: ["y"],
      typingTakes: "5 minutes",
      step: "1 minute"
    })
    expect(run.code).toBe(0)
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
    expect(cpp.emulator.operation(offer.publishId)?.status).toBe("canceled")
  })

  it("in JSON mode on a terminal, a no is one error document, exit 2", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--output", "json"], { typed: ["no"] })
    expect(run.code).toBe(2)
    // The question went to stderr, leaving stdout to the document.
    expect(run.stderr).toContain("[y/N]")
    expect(jsonOf(run)).toEqual({
      error: { _tag: "UsageError", code: "NotConfirmed", message: `not confirmed: nothing was cancelled on ${offer.ref}` }
    })
    expect(cancelRequests(offer.offerId)).toEqual([])
  })
})

describe("cancel --yes", () => {
  it("cancels a synchronously cancelled operation (200) and confirms it (the built bundle)", async () => {
    const offer = runningOffer({ cancel: "sync" })
    const run = await offerops(cpp.env, ["cancel", offer.ref, "--yes", ...fast])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("The service cancelled it at once (200).")
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`Cancelled publish ${offer.publishId} on ${offer.ref}.`)
    expect(cpp.emulator.operation(offer.publishId)?.status).toBe("canceled")
  })

  it("follows an asynchronous cancel (202) to its end and reports it as JSON", async () => {
    const offer = runningOffer({ cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--output", "json", ...fast])
    expect(run.code).toBe(0)
    const doc = jsonOf(run)
    expect(doc).toMatchObject({
      result: "canceled",
      publisherId: "acme",
      offerId: offer.offerId,
      location: expect.stringMatching(new RegExp(`^${cpp.emulator.url}/api/publishers/acme/offers/${offer.offerId}/operations/`)),
      operation: { id: offer.publishId, state: "canceled" }
    })
    expect(Object.keys(doc).sort()).toEqual(["location", "offerId", "operation", "publisherId", "result"])
    // Human progress went to stderr, leaving stdout to the document.
    expect(run.stderr).toContain("accepted the cancel (202)")
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
    expect(cancelRequests(offer.offerId)[0]?.headers["if-match"]).toBe("*")
  })

  it("exits 7 when the cancel operation fails, and the operation it meant to cancel runs on", async () => {
    const refusing = { cancel: "async", cancelCompletesAfter: { polls: 2 }, cancelOutcome: "failed" } as const
    const refusal = "The operation could not be cancelled because it reached a step that cannot be interrupted."
    const offer = runningOffer(refusing)
    const text = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", ...fast])
    expect(text.code).toBe(7)
    expect(text.stderr).toContain(`error: The cancellation on ${offer.ref} failed: the operation still runs.`)
    expect(text.stderr).toContain(refusal)
    expect(text.stdout).not.toContain("Cancelled")
    expect(cpp.emulator.operation(offer.publishId)).toMatchObject({ status: "running", cancelRequested: false })

    const again = runningOffer(refusing)
    const json = await offeropsHere(cpp.env, ["cancel", again.ref, "--yes", "--output", "json", ...fast])
    expect(json.code).toBe(7)
    const doc = jsonOf(json)
    expect(Object.keys(doc)).toEqual(["error"])
    expect(doc.error).toMatchObject({ _tag: "OperationFailed", code: "CancelFailed", message: expect.stringContaining(`The cancellation on ${again.ref} failed`) })
    expect(cpp.emulator.operation(again.publishId)).toMatchObject({ status: "running", cancelRequested: false })
  })

  it("sends --notify addresses with the cancel", async () => {
    const offer = runningOffer()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--notify", "a@x.com, b@y.com", ...fast])
    expect(run.code).toBe(0)
    const [request] = cancelRequests(offer.offerId)
    expect(JSON.parse(request?.body ?? "{}")).toEqual({ metadata: { "notification-emails": "a@x.com,b@y.com" } })
    // Nothing about the caller's tracing leaves the machine.
    expect(Object.keys(request?.headers ?? {})).not.toContain("traceparent")
  })

  it("exits 2 on an invalid --notify address, before any request", async () => {
    const offer = runningOffer()
    cpp.emulator.clearRequests()
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--notify", "a@x.com,not-an-email", "--output", "json"])
    expect(run.code).toBe(2)
    expect(jsonOf(run).error).toMatchObject({ _tag: "InvalidInput", message: expect.stringContaining("not-an-email") })
    expect(cpp.emulator.requests()).toEqual([])
  })

  it("exits 2 on a malformed --timeout", async () => {
    const run = await offeropsHere(cpp.env, ["cancel", "acme/x", "--yes", "--timeout", "soon"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("a duration such as 50ms, 90s, 5m, 2h or 3d")
  })

  it("exits 6 without calling cancel when nothing is running", async () => {
    cpp.emulator.addOffer("acme", "quiet")
    const run = await offeropsHere(cpp.env, ["cancel", "acme/quiet", "--yes", "--output", "json"])
    expect(run.code).toBe(6)
    expect(jsonOf(run)).toEqual({
      error: { _tag: "NotFound", code: "NothingRunning", message: "Nothing is running on acme/quiet: nothing was cancelled." }
    })
    expect(cancelRequests("quiet")).toEqual([])
    const text = await offeropsHere(cpp.env, ["cancel", "acme/quiet", "--yes"])
    expect(text.stderr).toContain("error: Nothing is running on acme/quiet")
  })

  it("exits 9 when the cancel request fails with a 500 (never repeated: it may have been applied)", async () => {
    const offer = runningOffer()
    cpp.emulator.addFault({ route: `/api/publishers/acme/offers/${offer.offerId}/cancel`, kind: "status", status: 500, times: 1 })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--output", "json"])
    expect(run.code).toBe(9)
    expect(jsonOf(run).error).toMatchObject({ _tag: "Unavailable", status: 500, code: "InternalServerError" })
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
  })

  it("when the cancel's answer is lost, reads the operation and reports the cancel that took, with one POST", async () => {
    const offer = runningOffer({ cancel: "sync" })
    cpp.emulator.addFault({ route: `/api/publishers/acme/offers/${offer.offerId}/cancel`, kind: "reset-after", times: 1 })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--output", "json", ...fast])
    expect(run.code).toBe(0)
    expect(jsonOf(run)).toMatchObject({ result: "canceled", operation: { id: offer.publishId, state: "canceled" } })
    expect(run.stderr).toContain(`answer to the cancel was lost; it shows publish ${offer.publishId} canceled`)
    expect(cancelRequests(offer.offerId).map((request) => request.fault)).toEqual(["reset-after"])
  })

  it("exits 9 with CancelUnconfirmed when the answer is lost and the operation cannot be read", async () => {
    const offer = runningOffer({ cancel: "sync" })
    cpp.emulator.addFault({ route: `/api/publishers/acme/offers/${offer.offerId}/cancel`, kind: "reset-after", times: 1 })
    // A 404 is not retried, so the read fails at once.
    const read = { route: `/api/publishers/acme/offers/${offer.offerId}/operations/`, kind: "status", status: 404, times: 1 } as const
    cpp.emulator.addFault(read)
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", ...fast])
    expect(run.code).toBe(9)
    expect(run.stderr).toContain("may or may not have been taken")
    expect(run.stderr).toContain(`offerops operations ${offer.ref}`)
    expect(cancelRequests(offer.offerId)).toHaveLength(1)
  })

  it("exits 8 when the wait times out, with a resume token to continue", async () => {
    const offer = runningOffer({ cancel: "async", cancelCompletesAfter: { polls: 10_000 } })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--timeout", "300ms", ...fast])
    expect(run.code).toBe(8)
    const token = /offerops watch (\S+)/.exec(run.stderr)?.[1]
    expect(token).toBeDefined()
    const json = await offeropsHere(cpp.env, ["watch", token!, "--timeout", "200ms", "--output", "json", ...fast])
    expect(json.code).toBe(8)
    expect(jsonOf(json).error).toMatchObject({ _tag: "WaitTimeout", message: expect.stringMatching(/offerops watch \S+$/), resumeToken: expect.stringMatching(/^ey/) })
  })
})

describe("cancel --no-wait", () => {
  it("returns after the 202 with the location and a token that watch follows to the end", async () => {
    const offer = runningOffer({ cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--no-wait", "--output", "json"])
    expect(run.code).toBe(0)
    const doc = jsonOf(run)
    expect(doc).toMatchObject({ result: "accepted", location: expect.stringContaining("/operations/"), operation: null })
    // The token follows the cancel operation and then the operation it cancels.
    const resumed = JSON.parse(Buffer.from(String(doc.resumeToken), "base64url").toString("utf8"))
    expect(resumed).toMatchObject({ v: 2, location: doc.location, offer: offer.ref, canceled: expect.stringContaining(`/operations/${offer.publishId}`) })
    const polls = cpp.emulator.requests().filter((request) => request.path.startsWith(`/api/publishers/acme/offers/${offer.offerId}/operations/`))
    expect(polls).toEqual([])

    const text = await offeropsHere(cpp.env, ["cancel", runningOffer({ cancel: "async" }).ref, "--yes", "--no-wait"])
    expect(text.stdout).toMatch(/Continue with:\n {2}offerops watch \S+/)

    const token = /offerops watch (\S+)/.exec(text.stdout)![1]!
    const watched = await offeropsHere(cpp.env, ["watch", token, ...fast, "--output", "json"])
    expect(watched.code).toBe(0)
    // It follows the cancel operation to its end, then the cancelled operation to its own.
    expect(jsonOf(watched)).toMatchObject({ result: "canceled", operation: { submissionType: "publish", state: "canceled" } })
  })

  it("reports a synchronous cancel as canceled", async () => {
    const offer = runningOffer({ cancel: "sync" })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--no-wait", "--output", "json"])
    expect(run.code).toBe(0)
    expect(jsonOf(run)).toMatchObject({ result: "canceled", location: null })
  })
})

describe("--verbose", () => {
  it("traces every request on stderr and never prints the token", async () => {
    const offer = runningOffer({ cancel: "async", cancelCompletesAfter: { polls: 1 } })
    const run = await offeropsHere(cpp.env, ["cancel", offer.ref, "--yes", "--verbose", "--output", "json", ...fast])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/→ GET \/api\/publishers\/acme\/offers\/offer-\d+\/submissions/)
    expect(run.stderr).toMatch(/← 202 POST \/api\/publishers\/acme\/offers\/offer-\d+\/cancel/)
    expect(jsonOf(run).result).toBe("canceled")
    expect(run.stdout + run.stderr).not.toContain(cpp.token)
    expect(run.stdout + run.stderr).not.toContain(cpp.token.split(".")[1])
  })
})
