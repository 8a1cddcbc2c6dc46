/**
 * How `cancel` ends, for each Outcome the core decided: a result document and lines for a person, or
 * a failure report, and the exit code scripts branch on (11 when the operation ended first, 12 when
 * what runs is no longer what was confirmed).
 */
import { kindText, type OfferRef, type Operation, Outcome, type Reference, referenceText, remedyOfOutcome } from "@offerops/core"
import { Effect, Option } from "effect"
import { exitCodeOfOutcome, Reported } from "./ExitCode.ts"
import { CancelNotDone, NothingRunning, remedyLines } from "./Failure.ts"
import { operationJson, submissionJson } from "./OperationView.ts"
import { Output } from "./Output.ts"
import { inert } from "./SafeConsole.ts"

/** A CPP offer's ids in the JSON document (`publisherId`, `offerId`); any other API's `reference` (e.g. `job:<jobId>`). */
const idsOf = (offer: OfferRef | Reference): Record<string, string> =>
  "_tag" in offer
    ? offer._tag === "Offer" ? { publisherId: offer.publisherId, offerId: offer.offerId } : { reference: referenceText(offer) }
    : { publisherId: offer.publisherId, offerId: offer.offerId }

/** Shows the outcome; `shown` is the operation as read before the cancel, if it was. */
export const conclude = Effect.fn("conclude")(function*(
  subject: OfferRef | Reference,
  outcome: Outcome,
  shown: Option.Option<Operation>
) {
  const output = yield* Output
  const ids = idsOf(subject)
  const offer = "_tag" in subject ? referenceText(subject) : subject.toString()
  const operation = (read: Operation | undefined) => Option.getOrNull(Option.map(Option.orElse(Option.fromUndefinedOr(read), () => shown), operationJson))
  const t = output.translator
  // The core's advice, for the endings that show it.
  const lines = () => remedyLines(remedyOfOutcome(outcome, t), t)
  yield* Outcome.match(outcome, {
    Canceled: (canceled) =>
      output.result(
        { result: "canceled", ...ids, location: canceled.cancelLocation ?? null, operation: operation(canceled.operation) },
        [
          // The common ending: the CLI's own short line rather than the core's advice.
inert(canceled.operation?.id === undefined
            ? t.t("cli.cancel.canceledOn", { offer })
            : t.t("cli.cancel.canceledWhat", {
              kind: kindText(t, canceled.operation.submissionType),
              id: canceled.operation.id,
              offer
            }))
        ]
      ),
    Accepted: (accepted) =>
      output.result(
        { result: "accepted", ...ids, location: accepted.location, operation: operation(undefined), resumeToken: accepted.resumeToken },
        lines()
      ),
    EndedFirst: (ended) =>
      output.result({ result: "ended-first", ...ids, location: ended.location, operation: operationJson(ended.operation) }, lines()),
    OperationChanged: (changed) =>
      output.result({
        result: "operation-changed",
        ...ids,
        location: changed.location,
        operation: operation(changed.operation),
        running: changed.running === undefined ? null : submissionJson(changed.running),
        canceledInstead: changed.canceledInstead === undefined ? null : submissionJson(changed.canceledInstead)
      }, lines()),
    CancelFailed: (failed) => Effect.fail(new CancelNotDone({ outcome: failed })),
    NothingRunning: () => Effect.fail(new NothingRunning({ offer }))
  })
  const code = exitCodeOfOutcome(outcome)
  // The result is printed; only the exit code is left to say that nothing was cancelled.
  if (code !== 0) return yield* Effect.fail(new Reported(code))
})
