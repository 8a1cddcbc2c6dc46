/**
 * `cancel` of a Partner Center product (`product:<id>`) or a Product Ingestion job (`job:<jobId>`):
 * the same steps as an offer's — show what runs, confirm, cancel after the core's re-check, follow
 * to a confirmed end — through the core's reference story, which decides everything; this only
 * shows it. The same exit codes as for an offer.
 */
import {
  kindText,
  outcomeWithoutFollow,
  type Reference,
  referenceCancellationProgress,
  referenceOutcome,
  referenceText,
  refusalText,
  sendConfirmedCancel,
  untilDeadline,
  WaitTimeout,
  whatRuns
} from "@offerops/core"
import { Clock, Duration, Effect, Option } from "effect"
import { conclude } from "./Conclusion.ts"
import { confirmationNeeded, readAgreement } from "./Confirmation.ts"
import { NotConfirmed } from "./Failure.ts"
import { nothingSentWithin } from "./NothingSent.ts"
import { describeOperation, stepLines } from "./OperationView.ts"
import { Output } from "./Output.ts"

export interface ReferenceCancelInput {
  readonly yes: boolean
  readonly noWait: boolean
  readonly timeout: Duration.Duration
  readonly pollInterval: Option.Option<Duration.Duration>
}

export const cancelReference = Effect.fn("cancelReference")(function*(reference: Reference, input: ReferenceCancelInput) {
  const name = referenceText(reference)
  const mustAsk = yield* confirmationNeeded(input.yes)
  const output = yield* Output
  const t = output.translator
  let deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(input.timeout)
  const nothingSent = nothingSentWithin(input.timeout, name, name)

  const running = yield* whatRuns(reference).pipe(untilDeadline(deadline, nothingSent))
  const target = running[0]
  if (target === undefined) return yield* conclude(reference, { _tag: "NothingRunning", offer: name }, Option.none())
  const shown = Option.some(target.operation)
  const what = { kind: kindText(t, target.operation.submissionType), id: target.operation.id ?? "", offer: name }
  yield* output.say(t.t("cli.cancel.running", { offer: name, submission: describeOperation(target.operation, output.paint, t) }))
  // Refused before any request: the core ends it CancelFailed with this reason, nothing asked or sent.
  if (target.refusal !== undefined) {
    yield* output.say(output.paint.yellow(t.t("cli.cancel.note", { warning: refusalText(target.refusal, t) })))
  }
  if (mustAsk && target.refusal === undefined) {
    yield* Effect.forEach(stepLines(target.operation, output.paint, t), output.say, { discard: true })
    const asked = yield* Clock.currentTimeMillis
    yield* output.prompt(t.t("cli.cancel.prompt", what))
    if (!(yield* readAgreement)) return yield* new NotConfirmed({ offer: name, message: `not confirmed: nothing was cancelled on ${name}` })
    deadline += (yield* Clock.currentTimeMillis) - asked
  }
  if ((yield* Clock.currentTimeMillis) >= deadline) return yield* nothingSent()

  const sent = yield* sendConfirmedCancel(target).pipe(
    untilDeadline(deadline, () =>
      new WaitTimeout({
        location: target.location,
        resumeToken: target.location,
        message: `the cancel of ${what.id} was sent but not answered within the --timeout of ${
          Duration.format(input.timeout)
        }: watch it to see whether it took`
      }))
  )
  if (sent._tag === "Ended") return yield* conclude(reference, sent.outcome, shown)
  const early = outcomeWithoutFollow(target, sent.result, !input.noWait)
  const outcome = early ?? (yield* output.follow(
    referenceCancellationProgress(target, sent.result, { deadline, pollInterval: Option.getOrUndefined(input.pollInterval) }),
    target.location,
    referenceOutcome(target, sent.result)
  ))
  yield* conclude(reference, outcome, shown)
})
