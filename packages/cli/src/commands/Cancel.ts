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
  type OfferRef,
  type Operation,
  operationLocation,
  parseNotificationEmails,
  parseOfferRef,
  requestCancel,
  type Submission
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
    const client = yield* CppClient

    const running = yield* findRunningOperation(offer)
    if (Option.isNone(running)) {
      return yield* new NothingRunning({ offer: offer.toString(), message: `nothing is running on ${offer}` })
    }
    const target = running.value
    const what = `${target.submissionType ?? "operation"} ${target.id}`
    yield* output.say(`Running on ${offer}: ${describeSubmission(target)}`)

    // The prompt shows the current step, which only the operation's detail has.
    let lastRead = Option.none<Operation>()
    if (mustAsk) {
      const detail = yield* client.getOperation({ offer, operationId: target.id })
      lastRead = Option.some(detail)
      const warning = cancellationWarning(detail.cancellationRequestState)
      const lines = [describeOperation(detail, output.paint), ...stepLines(detail, output.paint)]
      yield* Effect.forEach(
        warning === undefined ? lines : [...lines, output.paint.yellow(`Note: ${warning}.`)],
        output.say,
        { discard: true }
      )
      yield* output.prompt(`Cancel ${what} on ${offer}? [y/N] `)
      if (!(yield* readAgreement)) {
        return yield* new NotConfirmed({ offer: offer.toString(), message: `not confirmed: nothing was cancelled on ${offer}` })
      }
    }

    const result = yield* requestCancel(offer, target.id, { notificationEmails })
    const location = result._tag === "Accepted" ? result.location : Option.none<string>()
    yield* output.say(describeAnswer(result, what))

    if (input.noWait) {
      const token = Option.map(location, (url) => encodeResumeToken({ location: url, offer: offer.toString() }))
      const status = result._tag === "Canceled" || (result._tag === "AnswerLost" && result.operation.state === "canceled")
        ? "canceled"
        : "accepted"
      return yield* output.result(
        outcome(status, offer, location, lastRead),
        Option.match(token, {
          onNone: () => [status === "canceled" ? `Cancelled on ${offer}.` : `Cancel accepted on ${offer}.`],
          onSome: (token) => [`Cancel accepted on ${offer}. Follow it with:`, `  offerops watch ${token}`]
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
        onNone: () => `Cancelled on ${offer}.`,
        onSome: (operation) =>
          operation.state === "canceled"
            ? `Cancelled ${what} on ${offer}.`
            : `The cancel is over; ${what} reports ${operation.status}.`
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

const describeAnswer = (result: CancelResult, what: string): string => {
  switch (result._tag) {
    case "Canceled":
      return "The service cancelled it at once (200)."
    case "Accepted":
      return `The service accepted the cancel (202)${Option.isSome(result.location) ? `; its operation is ${result.location.value}` : ""}.`
    case "AnswerLost": {
      const { status, cancellationRequestState } = result.operation
      return `The service's answer to the cancel was lost; it shows ${what} ${status}${
        cancellationRequestState === undefined ? "" : ` (${cancellationRequestState})`
      }, so no second cancel was sent.`
    }
  }
}

const describeSubmission = (submission: Submission): string =>
  [
    submission.submissionType ?? "operation",
    submission.id,
    submission.submissionState,
    submission.offerVersion === undefined ? undefined : `version ${submission.offerVersion}`,
    submission.changedTime === undefined ? undefined : `since ${submission.changedTime}`
  ].filter((part) => part !== undefined).join(" ")
