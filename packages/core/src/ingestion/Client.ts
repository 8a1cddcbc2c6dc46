/**
 * Partner Center's ingestion API v1.0 (partner-center-apis.md): find a product, list its submissions
 * page by page within bounds, read one with its workflow, and DELETE it — Partner Center's "Cancel
 * publish". `ingestionBackend` is this API's layer of the one Backend service.
 */
import { Context, Effect, Layer, Option, Schema } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { decodeJson, type Reply } from "../ApiExchange.ts"
import { parseJsonOrText } from "../ErrorBody.ts"
import { apiSend } from "../ApiSend.ts"
import type { BackendService, Running } from "../Backend.ts"
import type { CancelEvidence } from "../CancelRequest.ts"
import { type HttpFailure, InvalidInput, InvalidResponse, NotFound } from "../CppError.ts"
import type { Operation } from "../Operation.ts"
import { isGuid, type Reference } from "../Reference.ts"
import { TokenProvider } from "../TokenProvider.ts"
import { IngestionConfig } from "./Config.ts"
import { describeIngestionError } from "./ErrorBody.ts"
import { pageOf, Product, Submission, WorkflowDetails, type Workflow } from "./Schemas.ts"
import { cancelRefusal, deletedOperation, isInProgress, submissionOperation } from "./Status.ts"

/** The ingestion API's own token, apart from CPP's and Product Ingestion's (each has its audience). */
export class IngestionToken extends Context.Service<IngestionToken, TokenProvider["Service"]>()(
  "@offerops/core/IngestionToken"
) {}

export class IngestionClient extends Context.Service<IngestionClient, {
  /** By its GUID, or by an offer's external id through the documented `$filter`. */
  product(id: string): Effect.Effect<Product, HttpFailure>
  /** Every submission of the product, all pages, within IngestionConfig's bounds. */
  submissions(productId: string): Effect.Effect<ReadonlyArray<Submission>, HttpFailure>
  /** One submission; none when it is gone (404). */
  submission(productId: string, submissionId: string): Effect.Effect<Option.Option<Submission>, HttpFailure>
  workflow(productId: string, submissionId: string): Effect.Effect<ReadonlyArray<Workflow>, HttpFailure>
  /** The DELETE that cancels an in-progress submission (204). Sent once: never retried unless the service asked. */
  deleteSubmission(productId: string, submissionId: string): Effect.Effect<void, HttpFailure>
  /** The absolute URL of a submission, which `parseLocation` reads back. */
  submissionLocation(productId: string, submissionId: string): string
  parseLocation(location: string): { readonly productId: string; readonly submissionId: string } | undefined
}>()("@offerops/core/IngestionClient") {
  static readonly layer: Layer.Layer<IngestionClient, InvalidInput, HttpClient.HttpClient | IngestionToken> = Layer.effect(
    IngestionClient,
    Effect.gen(function*() {
      const settings = yield* IngestionConfig
      const send = yield* apiSend(yield* IngestionToken, settings.baseUrl, describeIngestionError)
      const base = new URL(`${settings.baseUrl}/`)
      const url = (path: string) => new URL(path, base)
      const seg = encodeURIComponent

      /** Every page of a collection, each item decoded by `item`, until no next link or a bound. */
      const collect = Effect.fnUntraced(function*<S extends Schema.Decoder<unknown>>(first: URL, item: S) {
        const items: Array<S["Type"]> = []
        let next: URL | undefined = first
        let bytes = 0
        for (let page = 1; next !== undefined; page++) {
          if (page > settings.maxPages) {
            return yield* tooLong(first, `more than ${settings.maxPages} pages`)
          }
          const reply: Reply = yield* send(HttpClientRequest.get(next), "idempotent")
          bytes += reply.body.length
          if (bytes > settings.maxListBytes) return yield* tooLong(first, `more than ${settings.maxListBytes} bytes`)
          const found = pageOf(parseJsonOrText(reply.body))
          if (found === undefined) {
            return yield* new InvalidResponse({ ...at(reply), message: "expected a collection ({ value: [...] })" })
          }
          for (const value of found.value) {
            items.push(yield* decodeJson(item, { ...reply, body: JSON.stringify(value) }))
          }
          next = Option.isNone(found.nextLink) ? undefined : yield* nextPage(found.nextLink.value, reply)
        }
        return items
      })

      // The link is the service's: it may only lead to more of this API, which gets this API's token.
      const nextPage = (link: string, reply: Reply) => {
        const resolved = URL.canParse(link, base) ? new URL(link, base) : undefined
        return resolved !== undefined && resolved.origin === base.origin && resolved.pathname.startsWith(base.pathname)
          ? Effect.succeed(resolved)
          : Effect.fail(new InvalidResponse({ ...at(reply), message: `the next page's link leads outside ${settings.baseUrl}` }))
      }
      const at = (reply: Reply) => ({ method: reply.method, path: reply.path, status: reply.status })
      const tooLong = (first: URL, what: string) =>
        Effect.fail(
          new InvalidResponse({
            method: "GET",
            path: first.pathname,
            status: 200,
            message: `the list is longer than offerops reads (${what}); narrow it in Partner Center`
          })
        )

      const product = Effect.fn("IngestionClient.product")(function*(id: string) {
        if (isGuid(id)) {
          return yield* send(HttpClientRequest.get(url(`products/${seg(id)}`)), "idempotent").pipe(
            Effect.flatMap((reply) => decodeJson(Product, reply))
          )
        }
        // The offer-id filter every public client uses; ids are checked (Reference.ts), so no quote can end the literal.
        const query = url("products")
        query.searchParams.set("$filter", `ExternalIDs/Any(i:i/Type eq 'AzureOfferId' and i/Value eq '${id}')`)
        const found = yield* collect(query, Product)
        const first = found[0]
        if (first === undefined) {
          return yield* new NotFound({
            method: "GET",
            path: query.pathname,
            status: 404,
            message: `no product has the offer id ${JSON.stringify(id)} (AzureOfferId)`
          })
        }
        return first
      })

      const submissions = Effect.fn("IngestionClient.submissions")(function*(productId: string) {
        return yield* collect(url(`products/${seg(productId)}/submissions`), Submission)
      })

      const submission = Effect.fn("IngestionClient.submission")(function*(productId: string, submissionId: string) {
        return yield* send(HttpClientRequest.get(submissionUrl(productId, submissionId)), "idempotent").pipe(
          Effect.flatMap((reply) => decodeJson(Submission, reply)),
          Effect.map(Option.some),
          Effect.catchTag("NotFound", () => Effect.succeed(Option.none<Submission>()))
        )
      })

      const workflow = Effect.fn("IngestionClient.workflow")(function*(productId: string, submissionId: string) {
        const reply = yield* send(
          HttpClientRequest.get(url(`products/${seg(productId)}/submissions/${seg(submissionId)}/workflowdetails`)),
          "idempotent"
        )
        return yield* decodeJson(WorkflowDetails, reply)
      })

      const deleteSubmission = Effect.fn("IngestionClient.deleteSubmission")(function*(productId: string, submissionId: string) {
        yield* send(HttpClientRequest.delete(submissionUrl(productId, submissionId)), "unsafe")
      })

      const submissionUrl = (productId: string, submissionId: string) =>
        url(`products/${seg(productId)}/submissions/${seg(submissionId)}`)

      const locationPattern = /^\/products\/([^/]+)\/submissions\/([^/]+)\/?$/
      const parseLocation = (location: string) => {
        if (!URL.canParse(location.trim(), base)) return undefined
        const resolved = new URL(location.trim(), base)
        if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) return undefined
        const match = locationPattern.exec(`/${resolved.pathname.slice(base.pathname.length)}`)
        if (match === null) return undefined
        const [productId, submissionId] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)]
        // `.` and `..` would address another path of the API.
        return [productId, submissionId].some((id) => /^\.+$/.test(id) || id.includes("/")) ? undefined : { productId, submissionId }
      }

      return IngestionClient.of({
        product,
        submissions,
        submission,
        workflow,
        deleteSubmission,
        submissionLocation: (productId, submissionId) => submissionUrl(productId, submissionId).toString(),
        parseLocation
      })
    })
  )
}

// Submission ids are int64 text: the larger is the newer.
const newestFirst = (a: Submission, b: Submission): number => {
  const [x, y] = [a.id, b.id].map((id) => /^\d+$/.test(id) ? BigInt(id) : undefined)
  return x === undefined || y === undefined ? 0 : x > y ? -1 : x < y ? 1 : 0
}

const notAProduct = (text: string) =>
  new InvalidInput({ message: `${text} is not a Partner Center product: write product:<productId or offer id>` })

/**
 * The ingestion API as the story's Backend: what runs is the product's InProgress submissions,
 * newest first, each with its workflow; a cancel is their DELETE, confirmed by reading the submission.
 */
export const ingestionBackend = Effect.gen(function*() {
  const client = yield* IngestionClient

  const running = (reference: Reference) =>
    Effect.gen(function*() {
      if (reference._tag !== "Product") return yield* notAProduct(reference._tag)
      const product = yield* client.product(reference.id)
      const inProgress = (yield* client.submissions(product.id)).filter(isInProgress).sort(newestFirst)
      return yield* Effect.forEach(inProgress, (submission) =>
        client.workflow(product.id, submission.id).pipe(
          // The list alone is enough to act on; the steps are for showing.
          Effect.catch((error) =>
            Effect.logWarning(`cannot read the workflow of submission ${submission.id}: ${error._tag}`).pipe(Effect.as([]))
          ),
          Effect.map((workflow): Running => ({
            reference,
            operation: submissionOperation(submission, workflow),
            location: client.submissionLocation(product.id, submission.id),
            refusal: cancelRefusal(submission)
          }))
        ))
    })

  const located = (location: string) => {
    const found = client.parseLocation(location)
    return found === undefined
      ? Effect.fail(new InvalidInput({ message: `not a submission location of the ingestion API: ${JSON.stringify(location.slice(0, 300))}` }))
      : Effect.succeed(found)
  }

  const pollOperation = (location: string) =>
    Effect.gen(function*() {
      const { productId, submissionId } = yield* located(location)
      const read = yield* client.submission(productId, submissionId)
      const operation = Option.match(read, {
        onNone: () => deletedOperation(submissionId),
        onSome: (submission) => submissionOperation(submission)
      })
      return { operation, retryAfter: Option.none() }
    })

  const cancel = (target: Running) =>
    Effect.gen(function*() {
      const { productId, submissionId } = yield* located(target.location)
      yield* client.deleteSubmission(productId, submissionId)
      // 204: deleted. The story confirms it by reading the submission (gone, or no longer in progress).
      return { _tag: "Canceled" } as const
    })

  const cancelEvidence = (operation: Operation): CancelEvidence =>
    operation.state === "canceled" || operation.state === "completed" || operation.state === "failed"
      ? { _tag: "Taken", operation }
      : operation.state === "running" && operation.cancellationRequestState === "canCancel"
      ? { _tag: "NotTaken" }
      : { _tag: "Unknown", reason: `submission ${operation.id ?? ""} reads ${operation.status}` }

  return {
    api: "ingestion",
    running,
    owns: (location) => client.parseLocation(location) !== undefined,
    resolveLocation: (location) => Effect.map(located(location), (found) => client.submissionLocation(found.productId, found.submissionId)),
    pollOperation,
    cancel,
    cancelEvidence,
    // 400/409: Partner Center would not take it (which of the two is not documented).
    refusalStatuses: [400, 409]
  } satisfies BackendService
})
