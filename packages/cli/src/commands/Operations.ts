/** `offerops operations <publisherId>/<offerId> [operationId] [--status s]`: the offer's history, or one operation with its steps. */
import {
  CppClient,
  offerRefOf,
  type OperationStatus,
  operationStatus,
  parseReference,
  type Reference,
  referenceText,
  refusalText,
  whatRuns
} from "@offerops/core"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { describeOperation, operationJson, stepLines, submissionJson } from "../OperationView.ts"
import { Output } from "../Output.ts"
import { submissionTable } from "../SubmissionTable.ts"

// Every status but "unknown"; `satisfies` makes the compiler name one the core adds.
const knownStatuses = Object.keys(
  { notStarted: true, running: true, completed: true, failed: true, canceled: true } satisfies Record<Exclude<OperationStatus, "unknown">, true>
)

export const operations = Command.make(
  "operations",
  {
    offer: Argument.String("reference").pipe(
      Argument.withDescription(
        "<publisherId>/<offerId>, or what runs on product:<id> (Partner Center), job:<jobId> or pia:<product id> (Product Ingestion)"
      )
    ),
    operationId: Argument.String("operationId").pipe(
      Argument.withDescription("Show this operation with its steps instead of the list"),
      Argument.optional
    ),
    status: Flag.String("status").pipe(
      Flag.withDescription(`Only operations in this status (${knownStatuses.join(", ")}; any spelling the service uses)`),
      // The text goes to the service as typed; a typo would only find nothing.
      Flag.filterMap(
        (text) => operationStatus(text) === "unknown" ? Option.none() : Option.some(text),
        () => `one of ${knownStatuses.join(", ")}`
      ),
      Flag.optional
    )
  },
  Effect.fn("operations")(function*({ offer: offerText, operationId, status }) {
    const reference = yield* parseReference(offerText)
    if (reference._tag !== "Offer") return yield* runningOn(reference)
    const offer = offerRefOf(reference)
    const client = yield* CppClient
    const output = yield* Output
    const t = output.translator
    const ids = { publisherId: offer.publisherId, offerId: offer.offerId }

    if (Option.isSome(operationId)) {
      const operation = yield* client.getOperation({ offer, operationId: operationId.value })
      return yield* output.result(
        { ...ids, operation: operationJson(operation) },
        [describeOperation(operation, output.paint, t), ...stepLines(operation, output.paint, t)]
      )
    }

    const submissions = yield* client.listSubmissions(offer, { status: Option.getOrUndefined(status) })
    yield* output.result(
      { ...ids, operations: submissions.map(submissionJson) },
      submissions.length === 0
        ? [
          Option.isSome(status)
            ? t.t("cli.operations.noneWithStatus", { offer: offer.toString(), status: status.value })
            : t.t("cli.operations.none", { offer: offer.toString() })
        ]
        : submissionTable(submissions, t)
    )
  })
).pipe(
  Command.withDescription("List an offer's operations, or show one with its steps"),
  Command.withExamples([
    { command: "offerops operations contoso/contoso-vm --status running", description: "What is running now" },
    { command: "offerops operations contoso/contoso-vm 408a4835-0000-1000-0000-000000000000", description: "One operation's steps" }
  ])
)

/** What runs on a Partner Center product, a Product Ingestion product or job: each with its steps, and why it cannot be cancelled here if so. */
const runningOn = Effect.fn("runningOn")(function*(reference: Reference) {
  const output = yield* Output
  const t = output.translator
  const name = referenceText(reference)
  const running = yield* whatRuns(reference)
  yield* output.result(
    {
      reference: name,
      operations: running.map((run) => ({
        ...operationJson(run.operation),
        location: run.location || null,
        refusal: run.refusal === undefined ? null : refusalText(run.refusal)
      }))
    },
    running.length === 0
      ? [t.t("cli.operations.none", { offer: name })]
      : running.flatMap((run) => [
        describeOperation(run.operation, output.paint, t),
        ...stepLines(run.operation, output.paint, t),
        ...(run.refusal === undefined ? [] : [output.paint.yellow(t.t("cli.cancel.note", { warning: refusalText(run.refusal, t) }))])
      ])
  )
})
