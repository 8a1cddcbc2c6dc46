/**
 * The Product Ingestion API (product-ingestion-api.md): find a product by external id, list its
 * submissions, read a configure job's status and cancel the job. Every call sends its `$version`.
 * `productIngestionBackend` is this API's layer of the one Backend service.
 */
import { Context, Duration, Effect, Layer, Option } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { decodeJson } from "../ApiExchange.ts"
import { apiSend } from "../ApiSend.ts"
import type { BackendService, Running } from "../Backend.ts"
import type { CancelEvidence } from "../CancelRequest.ts"
import { type HttpFailure, InvalidInput, NotFound } from "../CppError.ts"
import type { Operation } from "../Operation.ts"
import { isTerminal } from "../OperationStatus.ts"
import { isGuid, type Reference } from "../Reference.ts"
import type { TokenProvider } from "../TokenProvider.ts"
import { ProductIngestionConfig } from "./Config.ts"
import { describeProductIngestionError, saysAlreadyCompleted } from "./ErrorBody.ts"
import { Collection, ConfigureStatus, PiaProduct, PiaSubmission } from "./Schemas.ts"
import { jobOperation, submissionOperation, submissionRefusal, submissionRuns } from "./Status.ts"

/** Product Ingestion's own token (audience https://graph.microsoft.com), apart from the other APIs'. */
export class ProductIngestionToken extends Context.Service<ProductIngestionToken, TokenProvider["Service"]>()(
  "@offerops/core/ProductIngestionToken"
) {}

/** One read of a job's status, with how long to wait before the next (the service's wish, else the documented minute). */
export interface JobPoll {
  readonly status: ConfigureStatus
  readonly retryAfter: Option.Option<Duration.Duration>
}

export class ProductIngestionClient extends Context.Service<ProductIngestionClient, {
  /** A product's durable id (the GUID of `product/<guid>`), from itself or from an external id. */
  durableId(id: string): Effect.Effect<string, HttpFailure>
  submissions(durableId: string): Effect.Effect<ReadonlyArray<PiaSubmission>, HttpFailure>
  jobStatus(jobId: string): Effect.Effect<JobPoll, HttpFailure>
  /** POST configure/<jobId>/cancel: the status it answered with, if any. Sent once. */
  cancelJob(jobId: string): Effect.Effect<Option.Option<ConfigureStatus>, HttpFailure>
  statusLocation(jobId: string): string
  parseLocation(location: string): string | undefined
}>()("@offerops/core/ProductIngestionClient") {
  static readonly layer: Layer.Layer<ProductIngestionClient, InvalidInput, HttpClient.HttpClient | ProductIngestionToken> =
    Layer.effect(
      ProductIngestionClient,
      Effect.gen(function*() {
        const settings = yield* ProductIngestionConfig
        const send = yield* apiSend(yield* ProductIngestionToken, settings.baseUrl, describeProductIngestionError)
        const base = new URL(`${settings.baseUrl}/`)
        const seg = encodeURIComponent
        // Sent as `%24version`, the HTTP client's encoding of `$`, which servers decode.
        const url = (path: string, version: string, query: Record<string, string> = {}) => {
          const result = new URL(path, base)
          for (const [name, value] of Object.entries(query)) result.searchParams.set(name, value)
          result.searchParams.set("$version", version)
          return result
        }
        const { versions } = settings

        const durableId = Effect.fn("ProductIngestionClient.durableId")(function*(id: string) {
          if (isGuid(id)) return id
          const query = url("product", versions.product, { externalId: id })
          const reply = yield* send(HttpClientRequest.get(query), "idempotent")
          const found = (yield* decodeJson(Collection(PiaProduct), reply)).value[0]
          if (found === undefined) {
            return yield* new NotFound({
              method: "GET",
              path: query.pathname,
              status: 404,
              message: `no product has the external id ${JSON.stringify(id)}`
            })
          }
          return found.id.replace(/^product\//, "")
        })

        const submissions = Effect.fn("ProductIngestionClient.submissions")(function*(durable: string) {
          const reply = yield* send(HttpClientRequest.get(url(`submission/${seg(durable)}`, versions.submission)), "idempotent")
          return (yield* decodeJson(Collection(PiaSubmission), reply)).value
        })

        const statusUrl = (jobId: string) => url(`configure/${seg(jobId)}/status`, versions.configure)

        const jobStatus = Effect.fn("ProductIngestionClient.jobStatus")(function*(jobId: string) {
          const reply = yield* send(HttpClientRequest.get(statusUrl(jobId)), "idempotent")
          return { status: yield* decodeJson(ConfigureStatus, reply), retryAfter: reply.retryAfter }
        })

        const cancelJob = Effect.fn("ProductIngestionClient.cancelJob")(function*(jobId: string) {
          const reply = yield* send(
            HttpClientRequest.post(url(`configure/${seg(jobId)}/cancel`, versions.configure)),
            "unsafe"
          )
          // The success status is not documented (200 most likely); its body, when there is one, is a configure-status.
          return reply.body.trim() === "" ? Option.none() : Option.some(yield* decodeJson(ConfigureStatus, reply))
        })

        const statusPattern = /^configure\/([^/]+)\/status\/?$/
        const parseLocation = (location: string) => {
          if (!URL.canParse(location.trim(), base)) return undefined
          const resolved = new URL(location.trim(), base)
          if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) return undefined
          const match = statusPattern.exec(resolved.pathname.slice(base.pathname.length))
          const jobId = match === null ? undefined : decodeURIComponent(match[1]!)
          return jobId === undefined || /^\.+$/.test(jobId) || jobId.includes("/") ? undefined : jobId
        }

        return ProductIngestionClient.of({
          durableId,
          submissions,
          jobStatus,
          cancelJob,
          statusLocation: (jobId) => statusUrl(jobId).toString(),
          parseLocation
        })
      })
    )
}

/**
 * Product Ingestion as the story's Backend. `job:<id>` runs while its job does; a cancel posts the
 * job's cancel, and the documented 400 "already completed" is answered by reading how the job ended.
 * `pia:<id>` lists the product's in-flight submissions, each refused with how to cancel it instead.
 * Every read of a job asks to be repeated no sooner than the documented minute, unless the service
 * said otherwise (Retry-After).
 */
export const productIngestionBackend = Effect.gen(function*() {
  const client = yield* ProductIngestionClient
  const settings = yield* ProductIngestionConfig

  const poll = (jobId: string) =>
    client.jobStatus(jobId).pipe(Effect.map((read) => ({
      operation: jobOperation(read.status, jobId),
      retryAfter: Option.orElse(read.retryAfter, () => Option.some(settings.statusInterval))
    })))

  const running = (reference: Reference) =>
    Effect.gen(function*() {
      switch (reference._tag) {
        case "Job": {
          const { operation } = yield* poll(reference.jobId)
          if (isTerminal(operation.state)) return []
          return [{ reference, operation, location: client.statusLocation(reference.jobId), refusal: undefined }]
        }
        case "PiaProduct": {
          const durable = yield* client.durableId(reference.id)
          const inFlight = (yield* client.submissions(durable)).filter(submissionRuns)
          return [...inFlight].sort((a, b) => (b.created ?? "").localeCompare(a.created ?? "")).map((submission): Running => ({
            reference,
            operation: submissionOperation(submission),
            location: "",
            refusal: submissionRefusal(submission)
          }))
        }
        default:
          return yield* new InvalidInput({
            message: `${reference._tag} is not a Product Ingestion reference: write job:<jobId> or pia:<product id>`
          })
      }
    })

  const located = (location: string) => {
    const jobId = client.parseLocation(location)
    return jobId === undefined
      ? Effect.fail(new InvalidInput({ message: `not a configure job location of Product Ingestion: ${JSON.stringify(location.slice(0, 300))}` }))
      : Effect.succeed(jobId)
  }

  const cancel = (target: Running) =>
    Effect.gen(function*() {
      const jobId = yield* located(target.location)
      const answer = yield* client.cancelJob(jobId).pipe(
        Effect.map(Option.map((status) => jobOperation(status, jobId))),
        // "Cannot cancel job, job has already completed.": how it ended is the outcome (EndedFirst).
        Effect.catchIf(
          (error): error is typeof error => error._tag === "BadRequest" && saysAlreadyCompleted(error.message),
          () => Effect.map(poll(jobId), (read) => Option.some(read.operation))
        )
      )
      if (Option.isSome(answer) && answer.value.state === "canceled") return { _tag: "Canceled" } as const
      // Ended on its own: the read is already the outcome.
      if (Option.isSome(answer) && isTerminal(answer.value.state)) return { _tag: "AnswerLost", operation: answer.value } as const
      // Taken, still running: follow the job's status to its end.
      return { _tag: "Accepted", location: Option.none(), retryAfter: Option.some(settings.statusInterval) } as const
    })

  const cancelEvidence = (operation: Operation): CancelEvidence =>
    isTerminal(operation.state)
      ? { _tag: "Taken", operation }
      // A job's status shows no cancel under way: a second cancel of a cancelled job is refused as
      // "already completed", which reads the end; so sending again is safe.
      : { _tag: "NotTaken" }

  return {
    api: "productIngestion",
    running,
    owns: (location) => client.parseLocation(location) !== undefined,
    resolveLocation: (location) => Effect.map(located(location), client.statusLocation),
    pollOperation: (location) => Effect.flatMap(located(location), poll),
    cancel,
    cancelEvidence,
    locationOf: (reference) => reference._tag === "Job" ? client.statusLocation(reference.jobId) : undefined,
    // 400/409: Partner Center would not take it (which of the two is not documented).
    refusalStatuses: [400, 409]
  } satisfies BackendService
})
