/**
 * `offerops cancel <publisherId>/<offerId>`: show what runs, confirm, cancel, and by default follow
 * the cancellation until the service reports it over. Refuses before any request when it cannot
 * ask and `--yes` is absent; calls no cancel endpoint when nothing runs.
 */
import {
  type CancelResult,
  cancellationProgress,
  cancellationWarning,
  CppClient,
  CppConfig,
  encodeResumeToken,
  findRunningOperation,
  kindText,
  type OfferRef,
  type Operation,
  operationLocation,
  parseNotificationEmails,
  operationStatusText,
  parseOfferRef,
  requestCancel,
  type Submission,
  type Translator
} from "@offerops/core"
import { Duration, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { confirmationNeeded, readAgreement } from "../Confirmation.ts"
import { durationFlag } from "../Duration.ts"
import { NotConfirmed, NothingRunning } from "../Failure.ts"
import { describeOperation, operationJson, Output, stepLines } from "../Output.ts"

export const cancel = Command.make(
  "cancel",
  {
    offer: Argument.String("publisherId/offerId").pipe(Argument.withDescription("The offer, e.g. contoso/contoso-vm")),
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
      Flag.withDescription("Give up waiting after this long (exit 8, with a resume token); default 30m"),
      Flag.withDefault(Duration.minutes(30))
    ),
    pollInterval: durationFlag("poll-interval").pipe(
      Flag.withDescription("Poll at this fixed interval instead of backing off from 2s to 60s"),
      Flag.optional
    )
  },
  Effect.fn("cancel")(function*(input) {
    const offer = yield* parseOfferRef(input.offer)
    const notificationEmails = Option.isSome(input.notify) ? yield* parseNotificationEmails(input.notify.value) : undefined
    const mustAsk = yield* confirmationNeeded(input.yes)
    const output = yield* Output
    const t = output.translator
    const client = yield* CppClient

    const running = yield* findRunningOperation(offer)
    if (Option.isNone(running)) {
      return yield* new NothingRunning({ offer: offer.toString(), message: `nothing is running on ${offer}` })
    }
    const target = running.value
    const what = { kind: kindText(t, target.submissionType), id: target.id, offer: offer.toString() }
    yield* output.say(t.t("cli.cancel.running", { offer: offer.toString(), submission: describeSubmission(target, t) }))

    // The prompt shows the current step, which only the operation's detail has.
    let lastRead = Option.none<Operation>()
    if (mustAsk) {
      const detail = yield* client.getOperation({ offer, operationId: target.id })
      lastRead = Option.some(detail)
      const warning = cancellationWarning(detail.cancellationRequestState, t)
      const lines = [describeOperation(detail, output.paint, t), ...stepLines(detail, output.paint, t)]
      yield* Effect.forEach(
        warning === undefined ? lines : [...lines, output.paint.yellow(t.t("cli.cancel.note", { warning }))],
        output.say,
        { discard: true }
      )
      yield* output.prompt(t.t("cli.cancel.prompt", what))
      if (!(yield* readAgreement)) {
        return yield* new NotConfirmed({ offer: offer.toString(), message: `not confirmed: nothing was cancelled on ${offer}` })
      }
    }

    const result = yield* requestCancel(offer, target.id, { notificationEmails })
    const location = result._tag === "Accepted" ? result.location : Option.none<string>()
    yield* output.say(describeAnswer(result, what, t))

    if (input.noWait) {
      const token = Option.map(location, (url) => encodeResumeToken({ location: url, offer: offer.toString() }))
      const status = result._tag === "Canceled" || (result._tag === "AnswerLost" && result.operation.state === "canceled")
        ? "canceled"
        : "accepted"
      return yield* output.result(
        outcome(status, offer, location, lastRead),
        Option.match(token, {
          onNone: () => [t.t(status === "canceled" ? "cli.cancel.canceledOn" : "cli.cancel.acceptedOn", { offer: offer.toString() })],
          onSome: (token) => [t.t("cli.cancel.followWith", { offer: offer.toString() }), `  offerops watch ${token}`]
        })
      )
    }

    const endpoint = yield* CppConfig
    const followed = Option.getOrElse(location, () => operationLocation(offer, target.id, endpoint))
    const resumeToken = encodeResumeToken({ location: followed, offer: offer.toString() })
    const final = yield* output.follow(
      cancellationProgress(offer, result, Option.some(target.id), {
        timeout: input.timeout,
        pollInterval: Option.getOrUndefined(input.pollInterval)
      }),
      resumeToken
    )
    yield* output.result(outcome("canceled", offer, location, Option.orElse(final, () => lastRead)), [
      Option.match(final, {
        onNone: () => t.t("cli.cancel.canceledOn", { offer: offer.toString() }),
        onSome: (operation) =>
          operation.state === "canceled"
            ? t.t("cli.cancel.canceledWhat", what)
            : t.t("cli.cancel.over", { ...what, status: operationStatusText(t, operation) })
      })
    ])
  })
).pipe(
  Command.withDescription("Cancel the operation running on an offer, and wait until the cancellation is confirmed"),
  Command.withExamples([
    { command: "offerops cancel contoso/contoso-vm", description: "Asks before cancelling, then waits" },
    { command: "offerops cancel contoso/contoso-vm --yes --output json", description: "In a pipeline" },
    { command: "offerops cancel contoso/contoso-vm --yes --no-wait", description: "Prints a resume token for `offerops watch`" }
  ])
)

/** The success document of `cancel`, as scripts read it. */
const outcome = (
  result: "canceled" | "accepted",
  offer: OfferRef,
  location: Option.Option<string>,
  operation: Option.Option<Operation>
) => ({
  result,
  publisherId: offer.publisherId,
  offerId: offer.offerId,
  location: Option.getOrNull(location),
  operation: Option.getOrNull(Option.map(operation, operationJson))
})

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

const describeSubmission = (submission: Submission, t: Translator): string =>
  [
    kindText(t, submission.submissionType),
    submission.id,
    operationStatusText(t, { status: submission.submissionState, state: submission.state }),
    submission.offerVersion === undefined ? undefined : t.t("cli.cancel.version", { version: submission.offerVersion }),
    // The service's own timestamp: exact and sortable, as in the operations table.
    submission.changedTime === undefined ? undefined : t.t("cli.cancel.since", { time: submission.changedTime })
  ].filter((part) => part !== undefined).join(" ")
