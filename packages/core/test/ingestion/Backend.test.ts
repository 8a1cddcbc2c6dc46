/**
 * The cancel story on Partner Center's ingestion API v1.0, against the emulator over real sockets:
 * what runs, a confirmed cancel (DELETE, then the read that shows it gone), a submission that ended
 * first, refusals (before any request, and the service's 409/400), errors with their advice, paging,
 * a lost answer and the token's audience.
 */
import { assert, describe, it } from "@effect/vitest"
import { cppResource, type Emulator, startEmulator } from "@offerops/emulator"
import { Effect, Exit } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { cancelConfirmed, whatRuns } from "../../src/CancelReference.ts"
import { Reference } from "../../src/Reference.ts"
import { remedyOf } from "../../src/Remedy.ts"
import { backendsOn, requestsTo } from "../Backends.ts"

let emulator: Emulator
let count = 0

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.clearFaults()
  emulator.clearRequests()
  emulator.partnerCenter.setVariants({ pageSize: 10, errorBody: "string", deleteRefusal: 409, nextLinkKey: "@odata.nextLink" })
})

const hour = 60 * 60 * 1000

/** A fresh product (by its offer id) with a submission in progress. */
const productWithSubmission = () => {
  const externalId = `app-${++count}`
  const { id } = emulator.partnerCenter.addProduct({ externalId })
  const { submissionId } = emulator.partnerCenter.startSubmission(id)
  return { productId: id, externalId, submissionId, reference: Reference.cases.Product.make({ id: externalId }) }
}

const firstRunning = (reference: Reference) =>
  Effect.flatMap(whatRuns(reference), (running) => {
    const first = running[0]
    return first === undefined ? Effect.die("nothing runs") : Effect.succeed(first)
  })

describe("ingestion v1.0 backend", () => {
  it.live("shows the in-progress submission with substate, targets and workflow steps, found by offer id or product id", () =>
    Effect.gen(function*() {
      const { productId, submissionId, reference } = productWithSubmission()
      const byOffer = yield* whatRuns(reference)
      const byId = yield* whatRuns(Reference.cases.Product.make({ id: productId }))
      assert.deepStrictEqual(byOffer.map((r) => r.operation.id), [submissionId])
      assert.deepStrictEqual(byId.map((r) => r.operation.id), [submissionId])
      const shown = byOffer[0]!
      assert.strictEqual(shown.operation.state, "running")
      assert.strictEqual(shown.refusal, undefined)
      assert.isAbove(shown.operation.steps?.length ?? 0, 2)
      assert.include(shown.operation.steps?.map((s) => s.stepName).join(","), "Automated validation")
      assert.match(shown.operation.messages?.map((m) => m.messageHtml).join("\n") ?? "", /substate: \w+/)
      assert.match(shown.operation.messages?.map((m) => m.messageHtml).join("\n") ?? "", /targets: Preview/)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a confirmed cancel DELETEs the submission once and confirms it gone: Canceled", () =>
    Effect.gen(function*() {
      const { submissionId, reference } = productWithSubmission()
      const running = yield* firstRunning(reference)
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "Canceled")
      assert.isTrue(emulator.partnerCenter.submission(submissionId)?.deleted)
      assert.lengthOf(requestsTo(emulator, "DELETE", `/submissions/${submissionId}`), 1)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a submission published between the confirmation and the cancel ended first: nothing is sent", () =>
    Effect.gen(function*() {
      const externalId = `app-${++count}`
      const { id } = emulator.partnerCenter.addProduct({ externalId })
      const { submissionId } = emulator.partnerCenter.startSubmission(id, { isAutoPromote: true })
      const running = yield* firstRunning(Reference.cases.Product.make({ id }))
      emulator.advance(30 * 24 * hour)
      assert.strictEqual(emulator.partnerCenter.submission(submissionId)?.state, "Published")
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "EndedFirst")
      assert.lengthOf(requestsTo(emulator, "DELETE", "/submissions/"), 0)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("the service's 409 (or 400) to the DELETE is a refused cancel with its words; the submission still runs", () =>
    Effect.gen(function*() {
      for (const status of [409, 400] as const) {
        const { submissionId, reference } = productWithSubmission()
        const running = yield* firstRunning(reference)
        emulator.addFault({ route: `/v1.0/ingestion/products/${running.location.split("/products/")[1]!.split("/")[0]}/submissions/`, method: "DELETE", kind: "status", status, times: 1 })
        const outcome = yield* cancelConfirmed(running)
        assert.strictEqual(outcome._tag, "CancelFailed", `status ${status}`)
        assert.match(outcome._tag === "CancelFailed" ? outcome.reason ?? "" : "", new RegExp(`^${status}`))
        assert.isFalse(emulator.partnerCenter.submission(submissionId)?.deleted)
        emulator.clearFaults()
      }
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a submission promoted to live is refused with the reason before any request", () =>
    Effect.gen(function*() {
      const externalId = `app-${++count}`
      const { id } = emulator.partnerCenter.addProduct({ externalId })
      const { submissionId } = emulator.partnerCenter.startSubmission(id, { isAutoPromote: true })
      // Past preview creation: the auto-promoted submission now publishes to live.
      emulator.advance(3 * 24 * hour)
      const snapshot = emulator.partnerCenter.submission(submissionId)
      const running = yield* whatRuns(Reference.cases.Product.make({ id }))
      if (snapshot?.state !== "InProgress" || running.length === 0) return assert.fail(`expected it still in progress: ${JSON.stringify(snapshot)}`)
      assert.isDefined(running[0]!.refusal, JSON.stringify(snapshot))
      const outcome = yield* cancelConfirmed(running[0]!)
      assert.strictEqual(outcome._tag, "CancelFailed")
      assert.lengthOf(requestsTo(emulator, "DELETE", "/submissions/"), 0)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("an unknown product is NotFound, in the ProblemDetails body's words too", () =>
    Effect.gen(function*() {
      const byId = yield* Effect.exit(whatRuns(Reference.cases.Product.make({ id: "00000000-0000-0000-0000-000000000000" })))
      assert.isTrue(Exit.isFailure(byId))
      const error = Exit.isFailure(byId) ? byId.cause : undefined
      assert.include(String(error), "NotFound")
      emulator.partnerCenter.setVariants({ errorBody: "problemDetails" })
      const problem = yield* Effect.flip(whatRuns(Reference.cases.Product.make({ id: "00000000-0000-0000-0000-000000000000" })))
      assert.strictEqual(problem._tag, "NotFound")
      assert.notInclude(problem.message, "{")
      const byOffer = yield* Effect.flip(whatRuns(Reference.cases.Product.make({ id: "no-such-offer" })))
      assert.strictEqual(byOffer._tag, "NotFound")
      assert.include(byOffer.message, "no-such-offer")
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("the June 2026 ProblemDetails 400 is read to its field's message", () =>
    Effect.gen(function*() {
      const { reference } = productWithSubmission()
      emulator.partnerCenter.setVariants({ requirePublisherIdHeader: true })
      const error = yield* Effect.flip(whatRuns(reference))
      emulator.partnerCenter.setVariants({ requirePublisherIdHeader: false })
      assert.strictEqual(error._tag, "BadRequest")
      assert.include(error.message, "x-ms-publisherId")
      assert.include(error.message, "One or more validation errors occurred")
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a CPP token gets 401 from the ingestion API, with advice", () =>
    Effect.gen(function*() {
      const { reference } = productWithSubmission()
      const error = yield* Effect.flip(whatRuns(reference))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.isNotEmpty(remedyOf(error as never).todo)
    }).pipe(Effect.provide(backendsOn(emulator, { tokens: { ingestion: emulator.issueToken({ audience: cppResource }) } }))))

  it.live("403 for a product of another account, with advice naming Partner Center's user management", () =>
    Effect.gen(function*() {
      const externalId = `app-${++count}`
      const { id } = emulator.partnerCenter.addProduct({ externalId, account: "fabrikam" })
      emulator.partnerCenter.startSubmission(id)
      const error = yield* Effect.flip(whatRuns(Reference.cases.Product.make({ id })))
      assert.strictEqual(error._tag, "Forbidden")
      if (error._tag === "Forbidden") assert.isNotEmpty(remedyOf(error).partnerCenter)
    }).pipe(Effect.provide(backendsOn(emulator, {
      tokens: { ingestion: emulator.issueToken({ audience: "https://api.partner.microsoft.com", publishers: ["contoso"] }) }
    }))))

  it.live("429 with Retry-After is waited out and retried", () =>
    Effect.gen(function*() {
      const { submissionId, reference } = productWithSubmission()
      emulator.addFault({ route: "/v1.0/ingestion/products", method: "GET", kind: "status", status: 429, retryAfter: { seconds: 1 }, times: 2 })
      const running = yield* whatRuns(reference)
      assert.deepStrictEqual(running.map((r) => r.operation.id), [submissionId])
      assert.isAtLeast(emulator.requests().filter((r) => r.status === 429).length, 2)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("reads every page of a paged list, whichever next-link spelling", () =>
    Effect.gen(function*() {
      const externalId = `app-${++count}`
      const { id } = emulator.partnerCenter.addProduct({ externalId })
      const ids: Array<string> = []
      for (let i = 0; i < 3; i++) {
        ids.push(emulator.partnerCenter.startSubmission(id, { isAutoPromote: true }).submissionId)
        if (i < 2) emulator.advance(30 * 24 * hour)
      }
      for (const nextLinkKey of ["@odata.nextLink", "nextLink", "nextlink"] as const) {
        emulator.partnerCenter.setVariants({ pageSize: 1, nextLinkKey })
        emulator.clearRequests()
        const running = yield* whatRuns(Reference.cases.Product.make({ id }))
        assert.deepStrictEqual(running.map((r) => r.operation.id), [ids[2]], nextLinkKey)
        assert.isAtLeast(requestsTo(emulator, "GET", `/products/${id}/submissions`).filter((r) => !r.path.includes("workflow")).length, 3)
      }
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a list longer than the page bound fails rather than reading on", () =>
    Effect.gen(function*() {
      const externalId = `app-${++count}`
      const { id } = emulator.partnerCenter.addProduct({ externalId })
      for (let i = 0; i < 3; i++) {
        emulator.partnerCenter.startSubmission(id, { isAutoPromote: true })
        emulator.advance(30 * 24 * hour)
      }
      emulator.partnerCenter.setVariants({ pageSize: 1 })
      const error = yield* Effect.flip(whatRuns(Reference.cases.Product.make({ id })))
      assert.strictEqual(error._tag, "InvalidResponse")
      assert.include(error.message, "more than 2 pages")
    }).pipe(Effect.provide(backendsOn(emulator, { ingestion: { maxPages: 2 } }))))

  it.live("a lost answer to the DELETE is reconciled by reading the submission: Canceled, sent once", () =>
    Effect.gen(function*() {
      const { submissionId, reference } = productWithSubmission()
      const running = yield* firstRunning(reference)
      emulator.addFault({ route: "/v1.0/ingestion/products/", method: "DELETE", kind: "reset-after", times: 1 })
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "Canceled")
      assert.isTrue(emulator.partnerCenter.submission(submissionId)?.deleted)
      assert.lengthOf(requestsTo(emulator, "DELETE", `/submissions/${submissionId}`), 1)
    }).pipe(Effect.provide(backendsOn(emulator))))
})
