/**
 * The cancel story on the Product Ingestion API, against the emulator over real sockets: a configure
 * job cancelled and followed to `completed`/`cancelled`, a job that ended first (also through the
 * documented 400 "already completed"), one too far along, errors with their advice, 429, a lost
 * answer, `$version` on every call, the once-a-minute floor, and a product's submissions listed.
 */
import { assert, describe, it } from "@effect/vitest"
import { type Emulator, graphResource, partnerCenterResource, startEmulator } from "@offerops/emulator"
import { Duration, Effect, Option } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { Backends, refusalText } from "../../src/Backend.ts"
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
  emulator.productIngestion.setVariants({ jobIdKey: "jobId", cancelStatus: 200, cancelSettlesAfterPolls: 0, statusRetryAfterSeconds: 0 })
})

const minute = 60 * 1000

/** A fresh product with a configure job running (processing, cancellable). */
const runningJob = () => {
  const externalId = `saas-${++count}`
  emulator.productIngestion.addProduct({ externalId })
  const { jobId, productId } = emulator.productIngestion.startConfigureJob(externalId)
  emulator.advance(2 * minute)
  return { externalId, jobId, productId, reference: Reference.cases.Job.make({ jobId }) }
}

const firstRunning = (reference: Reference) =>
  Effect.flatMap(whatRuns(reference), (running) => running[0] === undefined ? Effect.die("nothing runs") : Effect.succeed(running[0]))

describe("Product Ingestion backend", () => {
  it.live("cancels a running job and follows its status to completed/cancelled: Canceled, one POST, $version on every call", () =>
    Effect.gen(function*() {
      const { jobId, reference } = runningJob()
      const running = yield* firstRunning(reference)
      assert.strictEqual(running.operation.state, "running")
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "Canceled")
      assert.strictEqual(emulator.productIngestion.job(jobId)?.result, "cancelled")
      assert.lengthOf(requestsTo(emulator, "POST", `/configure/${jobId}/cancel`), 1)
      const calls = emulator.requests().filter((request) => request.path.startsWith("/rp/product-ingestion"))
      assert.isNotEmpty(calls)
      for (const call of calls) assert.include(decodeURIComponent(call.path), "$version=2022-03-01-preview2")
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a cancel that settles over a few polls (and a 202, and jobID) is followed to its end", () =>
    Effect.gen(function*() {
      emulator.productIngestion.setVariants({ cancelSettlesAfterPolls: 2, cancelStatus: 202, jobIdKey: "jobID" })
      const { jobId, reference } = runningJob()
      const outcome = yield* cancelConfirmed(yield* firstRunning(reference))
      assert.strictEqual(outcome._tag, "Canceled")
      assert.strictEqual(outcome._tag === "Canceled" ? outcome.operation?.id : undefined, jobId)
      assert.isAtLeast(requestsTo(emulator, "GET", `/configure/${jobId}/status`).length, 3)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a job that completed after the confirmation ended first: nothing is sent", () =>
    Effect.gen(function*() {
      const { reference } = runningJob()
      const running = yield* firstRunning(reference)
      emulator.advance(24 * 60 * minute)
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "EndedFirst")
      assert.lengthOf(requestsTo(emulator, "POST", "/cancel"), 0)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("the documented 400 'already completed' reads how the job ended: EndedFirst", () =>
    Effect.gen(function*() {
      const { reference } = runningJob()
      const running = yield* firstRunning(reference)
      emulator.advance(24 * 60 * minute)
      const result = yield* Backends.use((backends) => backends.forReference(reference).cancel(running))
      assert.strictEqual(result._tag, "AnswerLost")
      assert.strictEqual(result._tag === "AnswerLost" ? result.operation.state : undefined, "completed")
      assert.strictEqual(requestsTo(emulator, "POST", "/cancel")[0]?.status, 400)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a job publishing is too far along: the 400 is a refused cancel with the service's words", () =>
    Effect.gen(function*() {
      const { jobId, reference } = runningJob()
      emulator.advance(35 * minute)
      assert.strictEqual(emulator.productIngestion.job(jobId)?.phase, "publishing")
      const outcome = yield* cancelConfirmed(yield* firstRunning(reference))
      assert.strictEqual(outcome._tag, "CancelFailed")
      assert.include(outcome._tag === "CancelFailed" ? outcome.reason : "", "publishing")
      assert.strictEqual(emulator.productIngestion.job(jobId)?.cancelRequested, false)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("an unknown job is NotFound", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(whatRuns(Reference.cases.Job.make({ jobId: "00000000-0000-0000-0000-0000000000aa" })))
      assert.strictEqual(error._tag, "NotFound")
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a v1.0 token gets 401 from Product Ingestion, with advice", () =>
    Effect.gen(function*() {
      const { reference } = runningJob()
      const error = yield* Effect.flip(whatRuns(reference))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.isNotEmpty(remedyOf(error as never).todo)
    }).pipe(Effect.provide(backendsOn(emulator, { tokens: { productIngestion: emulator.issueToken({ audience: partnerCenterResource }) } }))))

  it.live("a token for another account gets 403 from Product Ingestion, with advice", () =>
    Effect.gen(function*() {
      const { reference } = runningJob()
      const error = yield* Effect.flip(whatRuns(reference))
      assert.strictEqual(error._tag, "Forbidden")
      assert.isNotEmpty(remedyOf(error as never).todo)
    }).pipe(Effect.provide(backendsOn(emulator, { tokens: { productIngestion: emulator.issueToken({ audience: graphResource, publishers: ["fabrikam"] }) } }))))

  it.live("a 429 with Retry-After on the cancel is waited out and the cancel sent again (the service never took it)", () =>
    Effect.gen(function*() {
      const { jobId, reference } = runningJob()
      const running = yield* firstRunning(reference)
      emulator.addFault({ route: "/rp/product-ingestion/configure/", method: "POST", kind: "status", status: 429, retryAfter: { seconds: 1 }, times: 1 })
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "Canceled")
      assert.deepStrictEqual(requestsTo(emulator, "POST", `/configure/${jobId}/cancel`).map((r) => r.status), [429, 200])
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a lost answer to the cancel is reconciled by reading the status: Canceled, sent once", () =>
    Effect.gen(function*() {
      const { jobId, reference } = runningJob()
      const running = yield* firstRunning(reference)
      emulator.addFault({ route: "/rp/product-ingestion/configure/", method: "POST", kind: "reset-after", times: 1 })
      const outcome = yield* cancelConfirmed(running)
      assert.strictEqual(outcome._tag, "Canceled")
      assert.lengthOf(requestsTo(emulator, "POST", `/configure/${jobId}/cancel`), 1)
    }).pipe(Effect.provide(backendsOn(emulator))))

  it.live("a job's status asks for the next read no sooner than a minute, unless Retry-After says otherwise", () =>
    Effect.gen(function*() {
      const { reference } = runningJob()
      const running = yield* firstRunning(reference)
      const backend = yield* Backends.use((backends) => Effect.succeed(backends.forReference(reference)))
      const quiet = yield* backend.pollOperation(running.location)
      assert.deepStrictEqual(Option.map(quiet.retryAfter, Duration.toMillis), Option.some(60_000))
      emulator.productIngestion.setVariants({ statusRetryAfterSeconds: 7 })
      const asked = yield* backend.pollOperation(running.location)
      assert.deepStrictEqual(Option.map(asked.retryAfter, Duration.toMillis), Option.some(7_000))
    }).pipe(Effect.provide(backendsOn(emulator, {
      cpp: { retryAfterMax: Duration.minutes(5) },
      productIngestion: { statusInterval: Duration.minutes(1) }
    }))))

  it.live("$version is configurable", () =>
    Effect.gen(function*() {
      const { jobId, reference } = runningJob()
      yield* whatRuns(reference)
      assert.include(decodeURIComponent(requestsTo(emulator, "GET", `/configure/${jobId}/status`)[0]?.path ?? ""), "$version=2022-03-01-preview3")
    }).pipe(Effect.provide(backendsOn(emulator, {
      productIngestion: { versions: { product: "2022-03-01-preview3", submission: "2022-03-01-preview3", configure: "2022-03-01-preview3" } }
    }))))

  it.live("pia:<external id> lists the product's in-flight submissions, each refused with how to cancel its job", () =>
    Effect.gen(function*() {
      const externalId = `saas-${++count}`
      emulator.productIngestion.addProduct({ externalId })
      emulator.productIngestion.startConfigureJob(externalId, { durations: { queuedMs: 1, processingMs: 1, publishingMs: 1 } })
      emulator.advance(minute)
      const running = yield* whatRuns(Reference.cases.PiaProduct.make({ id: externalId }))
      assert.lengthOf(running, 1)
      assert.strictEqual(running[0]!.operation.submissionType, "preview")
      assert.strictEqual(running[0]!.operation.state, "running")
      assert.isDefined(running[0]!.operation.createdDateTime)
      assert.strictEqual(running[0]!.refusal?._tag, "ByJob")
      assert.include(refusalText(running[0]!.refusal!), "job:<jobId>")
    }).pipe(Effect.provide(backendsOn(emulator))))
})
