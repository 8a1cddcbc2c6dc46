/**
 * `offerops cancel <publisherId>/<offerId>`: show what runs, confirm, cancel, and by default follow
 * the cancellation until the service reports it over. Refuses before any request when it cannot
 * ask and `--yes` is absent; calls no cancel endpoint when nothing runs.
 */
import {
  acceptedOutcome,
  type CancelResult,
  cancellationOutcome,
  cancellationProgress,
  cancellationWarning,
  encodeResumeToken,
  kindText,
  nothingRunning,
  type Operation,
  operationStatusText,
  parseNotificationEmails,
  offerRefOf,
  parseReference,
  readRunning,
  requestCancel,
  type Submission,
  type Translator,
  untilDeadline,
  WaitTimeout
} from "@offerops/core"
import { Clock, Duration, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { conclude } from "../Conclusion.ts"
import { confirmationNeeded, readAgreement } from "../Confirmation.ts"
import { durationFlag } from "../Duration.ts"
import { nothingSentWithin } from "../NothingSent.ts"
import { cancelReference } from "../ReferenceCancel.ts"
import { NotConfirmed } from "../Failure.ts"
import { describeOperation, stepLines } from "../OperationView.ts"
import { Output } from "../Output.ts"
import { inert } from "../SafeConsole.ts"

export const cancel = Command.make(
  "cancel",
  {
    offer: Argument.String("reference").pipe(
      Argument.withDescription(
        "What to cancel: <publisherId>/<offerId> (Cloud Partner Portal), product:<productId or offer id> (Partner Center), job:<jobId> (Product Ingestion)"
      )
    ),
    notify: Flag.String("notify").pipe(
      Flag.withMetavar("emails"),
      Flag.withDescription("Comma-separated addresses the service tells about the cancellation (ignored for migrated offers)"),
      Flag.optional
    ),
    yes: Flag.Boolean("yes").pipe(
      Flag.withAlias("y"),
      Flag.withDescription("Cancel without asking (required when stdin is not a terminal)"),
      Flag.withDefault(false),
      Flag.withoutNegation
    ),
    noWait: Flag.Boolean("no-wait").pipe(
      Flag.withDescription("Return once the service accepts the cancel, with its location and a resume token"),
      Flag.withDefault(false),
      Flag.withoutNegation
    ),
    timeout: durationFlag("timeout").pipe(
      Flag.withDescription(
        "Deadline for the reads, the cancel and the wait, not counting the prompt: exit 8 with a resume token once " +
          "the cancel was sent, exit 9 before (nothing cancelled); default 30m"
      ),
      Flag.withDefault(Duration.minutes(30))
    ),
    pollInterval: durationFlag("poll-interval").pipe(
      Flag.withDescription("Poll at this fixed interval instead of backing off from 2s to 10s"),
      Flag.optional
    )
  },
  Effect.fn("cancel")(function*(input) {
    const reference = yield* parseReference(input.offer)
    if (reference._tag !== "Offer") return yield* cancelReference(reference, input)
    const offer = offerRefOf(reference)
    const notificationEmails = Option.isSome(input.notify) ? yield* parseNotificationEmails(input.notify.value) : undefined
    const mustAsk = yield* confirmationNeeded(input.yes)
    const output = yield* Output
    const t = output.translator

    // `--timeout` bounds the whole command, each read, the cancel and the wait, but not the time a
    // person takes to answer the prompt. Until the cancel is sent, running out of it cancels nothing.
    let deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(input.timeout)
    // The reads of what runs on the offer (its submissions, then the operation's detail).
    const nothingSent = nothingSentWithin(input.timeout, offer.path, offer.toString())

    // The prompt shows the current step, which only the operation's detail has.
    const running = yield* readRunning(offer, { detail: mustAsk }).pipe(untilDeadline(deadline, nothingSent))
    if (Option.isNone(running)) return yield* conclude(offer, nothingRunning(offer), Option.none())
    const target = running.value
    // Service text, inert before it is painted into the prompt or a line.
    const what = { kind: inert(kindText(t, target.submission.submissionType)), id: inert(target.submission.id), offer: offer.toString() }
    yield* output.say(inert(t.t("cli.cancel.running", { offer: offer.toString(), submission: describeSubmission(target.submission, target.operation, t) })))

    const shown = Option.fromUndefinedOr(target.operation)
    if (mustAsk) {
      const lines = Option.match(shown, {
        onNone: () => [],
        onSome: (detail: Operation) => [describeOperation(detail, output.paint, t), ...stepLines(detail, output.paint, t)]
      })
      // The core's warning, in the reader's language.
      const warning = cancellationWarning(target.operation?.cancellationRequestState, t)
      yield* Effect.forEach(
        warning === undefined ? lines : [...lines, output.paint.yellow(inert(t.t("cli.cancel.note", { warning })))],
        output.say,
        { discard: true }
      )
      const asked = yield* Clock.currentTimeMillis
      yield* output.prompt(t.t("cli.cancel.prompt", what))
      if (!(yield* readAgreement)) {
        return yield* new NotConfirmed({ offer: offer.toString(), message: `not confirmed: nothing was cancelled on ${offer}` })
      }
      deadline += (yield* Clock.currentTimeMillis) - asked
    }

    // The reads ended just at the deadline: still nothing sent, nothing cancelled.
    if ((yield* Clock.currentTimeMillis) >= deadline) return yield* nothingSent()
    // Once sent, the cancel may have taken although its answer never came: the operation is what to watch.
    const resumeToken = encodeResumeToken({ location: target.location, offer: offer.toString(), cancel: true })
    const sent = yield* requestCancel(offer, target.submission.id, { notificationEmails }).pipe(
      untilDeadline(deadline, () =>
        new WaitTimeout({
          location: target.location,
          resumeToken,
          // The service's id as it is: this message is also the JSON's (text output escapes it).
          message: `the cancel of ${target.submission.id} may have been sent but was not answered within the --timeout of ${
            Duration.format(input.timeout)
          }: watch the operation to see whether it took`
        }))
    )
    // What runs was read again just before the POST: no longer the one confirmed, nothing was sent.
    if (sent._tag === "NotSent") return yield* conclude(offer, sent.outcome, shown)
    const result = sent
    yield* output.say(inert(describeAnswer(result, what, t)))

    const outcome = input.noWait
      ? yield* acceptedOutcome(offer, result, target.submission.id)
      : yield* output.follow(
        cancellationProgress(offer, result, Option.some(target.submission.id), {
          deadline,
          pollInterval: Option.getOrUndefined(input.pollInterval)
        }),
        resumeToken,
        cancellationOutcome(offer, result, target.submission.id)
      )
    yield* conclude(offer, outcome, shown)
  })
).pipe(
  Command.withDescription("Cancel the operation running on an offer, and wait until the cancellation is confirmed"),
  Command.withExamples([
    { command: "offerops cancel contoso/contoso-vm", description: "Asks before cancelling, then waits" },
    { command: "offerops cancel contoso/contoso-vm --yes --output json", description: "In a pipeline" },
    { command: "offerops cancel contoso/contoso-vm --yes --no-wait", description: "Prints a resume token for `offerops watch`" }
  ])
)

const describeAnswer = (
  result: CancelResult,
  what: { readonly kind: string; readonly id: string },
  t: Translator
): string => {
  switch (result._tag) {
    case "Canceled":
      return t.t("cli.cancel.canceledAtOnce")
    case "Accepted":
      return Option.isSome(result.location)
        ? t.t("cli.cancel.acceptedAt", { location: result.location.value })
        : t.t("cli.cancel.accepted")
    case "AnswerLost": {
      const { cancellationRequestState } = result.operation
      return t.t("cli.cancel.answerLost", {
        ...what,
        status: operationStatusText(t, result.operation) +
          (cancellationRequestState === undefined ? "" : ` (${cancellationRequestState})`)
      })
    }
  }
}

const describeSubmission = (submission: Submission, operation: Operation | undefined, t: Translator): string =>
  [
    kindText(t, submission.submissionType),
    submission.id,
    operationStatusText(t, { status: submission.submissionState, state: submission.state }),
    submission.offerVersion === undefined ? undefined : t.t("cli.cancel.version", { version: submission.offerVersion }),
    // The service's own timestamps, exact and sortable as in the operations table: when the operation
    // started, which only its detail has; without it, when the submission last changed.
    operation?.createdDateTime !== undefined
      ? t.t("cli.cancel.since", { time: operation.createdDateTime })
      : submission.changedTime === undefined
      ? undefined
      : t.t("cli.cancel.changed", { time: submission.changedTime })
  ].filter((part) => part !== undefined).join(" ")
