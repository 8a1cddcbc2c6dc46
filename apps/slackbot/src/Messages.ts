/**
 * Everything the bot says, as Block Kit: usage, the confirmation with its buttons, status, progress,
 * and the core's Outcome and Remedy rendered for Slack (what they mean is the core's to say).
 * Text that came from a person or the API is escaped, so it cannot mention @channel or fake a link.
 */
import { type CppError, Next, type Operation, Outcome, type Progress, type Remedy, remedyOf, remedyOfOutcome, type RunningOperation } from "@offerops/core"
import type { types } from "@slack/bolt"
import type { Confirmation, ConfirmationRefused } from "./ConfirmationStore.ts"
import type { CancelInFlight } from "./ConfirmationStore.ts"

export interface SlackMessage {
  /** The notification and fallback text. */
  readonly text: string
  readonly blocks: Array<types.KnownBlock>
}

export const confirmActionId = "confirm_cancel"
export const dismissActionId = "dismiss_cancel"

/** Escapes Slack's control characters and bounds the length. */
export const escape = (text: string, max = 500): string =>
  (text.length > max ? `${text.slice(0, max)}…` : text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text })
const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text, emoji: true })
const section = (text: string): types.SectionBlock => ({ type: "section", text: mrkdwn(text) })
const context = (text: string): types.ContextBlock => ({ type: "context", elements: [mrkdwn(text)] })
const simple = (text: string, note?: string): SlackMessage => ({
  text: text.replace(/[*`]/g, ""),
  blocks: note === undefined ? [section(text)] : [section(text), context(note)]
})

const user = (id: string) => `<@${escape(id, 40)}>`
const offerName = (offer: string) => `*${escape(offer, 520)}*`

/** A time Slack shows in each reader's own time zone, with ISO text as the fallback. */
export const slackDate = (time: string | number | undefined): string | undefined => {
  if (time === undefined) return undefined
  const millis = typeof time === "number" ? time : Date.parse(time)
  if (!Number.isFinite(millis)) return escape(String(time), 60)
  const iso = new Date(millis).toISOString()
  return `<!date^${Math.floor(millis / 1000)}^{date_short_pretty} {time}|${iso}>`
}

const stepText = (operation: Operation | undefined): string => {
  const step = operation?.currentStep
  if (step === undefined) return "unknown"
  const percent = step.progressPercentage === undefined ? "" : `, ${step.progressPercentage}%`
  return `${escape(step.stepName ?? step.id ?? "unnamed", 100)} (${escape(step.status, 40)}${percent})`
}

const kind = (running: RunningOperation) =>
  escape(running.operation?.submissionType ?? running.submission.submissionType ?? "operation", 40)

const runningFields = (running: RunningOperation): Array<types.MrkdwnElement> => {
  const { submission, operation } = running
  const version = operation?.offerVersion ?? submission.offerVersion
  const since = slackDate(operation?.createdDateTime ?? submission.changedTime)
  return [
    mrkdwn(`*Type*\n${kind(running)}`),
    mrkdwn(`*Offer version*\n${version === undefined ? "unknown" : version}`),
    mrkdwn(`*Current step*\n${stepText(operation)}`),
    mrkdwn(`*Since*\n${since ?? "unknown"}`),
    mrkdwn(`*Operation*\n\`${escape(submission.id, 80)}\``),
    mrkdwn(`*Status*\n${escape(operation?.status ?? submission.submissionState, 40)}`)
  ]
}

/** A note when the service says it may refuse the cancel (e.g. one is already under way). */
const refusalNote = (running: RunningOperation) =>
  running.warning === undefined ? [] : [context(`:hourglass: Note: ${escape(running.warning, 300)}.`)]

export const usage = (problem?: string): SlackMessage => {
  const lines = [
    "*Usage*",
    "`/cancel-offer <publisherId>/<offerId> [email,...]` — cancel the operation running on an offer. " +
    "You see what runs and confirm before anything is cancelled; the emails are told about the cancellation.",
    "`/cancel-offer status <publisherId>/<offerId>` — show what is running on an offer.",
    "`/cancel-offer help` — this message."
  ]
  return problem === undefined
    ? simple(lines.join("\n"))
    : { text: `I could not read that: ${escape(problem)}`, blocks: [section(`:warning: I could not read that: ${escape(problem)}`), section(lines.join("\n"))] }
}

export const confirmation = (request: Confirmation, running: RunningOperation, ttlMinutes: number): SlackMessage => {
  const notify = request.emails.length === 0
    ? "nobody extra (the service notifies the offer's contacts)"
    : request.emails.map((email) => escape(email, 254)).join(", ")
  return {
    text: `Cancel the ${kind(running)} running on ${escape(request.offer, 520)}?`,
    blocks: [
      section(`:warning: Cancel the *${kind(running)}* running on ${offerName(request.offer)}?`),
      { type: "section", fields: runningFields(running) },
      ...refusalNote(running),
      section(`*Notify*\n${notify}`),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: confirmActionId,
            style: "danger",
            text: plain("Cancel the operation"),
            value: request.id,
            confirm: {
              title: plain("Cancel this operation?"),
              text: mrkdwn(`The ${kind(running)} on ${offerName(request.offer)} stops and cannot be resumed.`),
              confirm: plain("Yes, cancel it"),
              deny: plain("Keep it running"),
              style: "danger"
            }
          },
          { type: "button", action_id: dismissActionId, text: plain("Dismiss"), value: request.id }
        ]
      },
      context(`Only you can see this. It works once, within ${ttlMinutes} minutes. Nothing is cancelled until you confirm.`)
    ]
  }
}

export const nothingRunning = (offer: string): SlackMessage => advice(remedyOfOutcome({ _tag: "NothingRunning", offer }), ":information_source:")

export const status = (offer: string, running: RunningOperation | undefined): SlackMessage =>
  running === undefined
    ? simple(`Nothing is running on ${offerName(offer)}.`)
    : {
      text: `A ${kind(running)} is running on ${escape(offer, 520)}`,
      blocks: [
        section(`A *${kind(running)}* is running on ${offerName(offer)}.`),
        { type: "section", fields: runningFields(running) }
      ]
    }

export const dismissed = (offer: string): SlackMessage => simple(`Dismissed: nothing was cancelled on ${offerName(offer)}.`)

const confirmedOperation = (request: Confirmation) =>
  `the ${escape(request.operationType ?? "operation", 40)} \`${escape(request.operationId, 80)}\` on ${offerName(request.offer)}`

/**
 * A step of the cancel. After a 202 the core first follows the cancel operation (its `subject` says
 * so), then reads the cancelled one.
 */
export const cancelling = (request: Confirmation, who: string, progress: Progress | undefined): SlackMessage => {
  const operation = progress?.operation
  const where = progress === undefined || operation === undefined
    ? "sending the cancel…"
    : progress.subject === "cancel"
    ? `the cancel request is ${escape(operation.status, 40)}…`
    : operation.state === "running" || operation.state === "notStarted"
    ? `the operation is still ${escape(operation.status, 40)}, at step ${stepText(operation)}…`
    : `the operation is now ${escape(operation.status, 40)}.`
  return simple(
    `:hourglass_flowing_sand: ${user(who)} is cancelling ${confirmedOperation(request)}: ${where}`,
    "Progress is updated here; the outcome is posted to the channel."
  )
}

/** How a cancel ended, as the final in-channel message reports it. */
export type CancelEnd =
  /** The core's outcome of the cancel. */
  | { readonly _tag: "Decided"; readonly outcome: Outcome }
  | { readonly _tag: "Failed"; readonly error: CppError }
  /** Another operation runs now than the one confirmed: nothing was cancelled. */
  | { readonly _tag: "OperationChanged"; readonly runningId: string }

export const outcome = (request: Confirmation, who: string, at: number, end: CancelEnd): SlackMessage => {
  const by = who === request.requester ? user(who) : `${user(who)} (requested by ${user(request.requester)})`
  const what = confirmedOperation(request)
  const when = slackDate(at) ?? ""
  switch (end._tag) {
    case "OperationChanged":
      return simple(
        `:warning: ${by} confirmed cancelling ${what} at ${when}, but another operation (\`${escape(end.runningId, 80)}\`) runs now: nothing was cancelled.`,
        "Run `/cancel-offer` again to see what runs now."
      )
    case "Failed":
      return advice(remedyOf(end.error), `:x: ${by} tried to cancel ${what} at ${when}, and it failed:`)
    case "Decided": {
      const remedy = remedyOfOutcome(end.outcome)
      return advice(
        remedy,
        Outcome.match(end.outcome, {
          Canceled: () => `:octagonal_sign: ${by} at ${when}:`,
          EndedFirst: () => `:information_source: ${by} asked at ${when} to cancel ${what}.`,
          CancelFailed: () => `:x: ${by} tried to cancel ${what} at ${when}.`,
          NothingRunning: () => `:information_source: ${by} confirmed cancelling ${what} at ${when}.`,
          Accepted: () => `:hourglass_flowing_sand: ${by} asked at ${when} to cancel ${what}.`
        })
      )
    }
  }
}

const nextStep = Next.match({
  Watch: ({ resumeToken }) => `Follow it with the CLI: \`offerops watch ${escape(resumeToken, 1000)}\``,
  ShowOperations: ({ offer }) => `\`/cancel-offer status ${escape(offer, 520)}\` shows what runs now.`,
  Usage: () => "`/cancel-offer help` shows the usage."
})

/**
 * The core's advice as Block Kit: `lead` (the bot's own framing) and what happened, then in small
 * print the service's words, what to do, where in Partner Center, and the next command.
 */
export const advice = (remedy: Remedy, lead?: string): SlackMessage => {
  const head = lead === undefined ? escape(remedy.what, 1000) : `${lead} ${escape(remedy.what, 1000)}`
  const notes = [
    ...remedy.detail.map((line) => `> ${escape(line, 500)}`),
    escape(remedy.todo, 1000),
    ...(remedy.partnerCenter.length === 0 ? [] : [`Partner Center: ${remedy.partnerCenter.map((part) => escape(part, 100)).join(" → ")}`]),
    ...(remedy.next === undefined ? [] : [nextStep(remedy.next)])
  ]
  return { text: head.replace(/[*`]/g, ""), blocks: [section(head), context(notes.join("\n"))] }
}

export const failure = (error: CppError): SlackMessage => advice(remedyOf(error), ":x:")

export type Refusal =
  | { readonly _tag: "NoPolicy" }
  | { readonly _tag: "NotAllowed"; readonly userId: string; readonly channelId: string; readonly publisherId: string }
  | ConfirmationRefused
  | CancelInFlight
  | { readonly _tag: "NotRequester"; readonly requester: string }

export const refusal = (reason: Refusal, ttlMinutes: number): SlackMessage => {
  switch (reason._tag) {
    case "NoPolicy":
      return simple(
        ":no_entry: Nobody may cancel yet: this bot has no authorization policy.",
        "An admin writes a JSON file like `{\"allow\": [{\"users\": [\"U012AB3CD\"], \"channels\": [\"C012AB3CD\"], \"publishers\": [\"contoso\"]}]}` " +
          "(Slack IDs only), sets `OFFEROPS_POLICY_FILE` to its path and restarts the bot."
      )
    case "NotAllowed":
      return simple(
        `:no_entry: ${user(reason.userId)} may not cancel operations of publisher *${escape(reason.publisherId, 260)}* from this channel.`,
        `Ask an admin to add your user ID \`${escape(reason.userId, 40)}\` or this channel \`${escape(reason.channelId, 40)}\` ` +
          `to a rule for \`${escape(reason.publisherId, 260)}\` in the bot's policy file.`
      )
    case "ConfirmationUnknown":
      return simple(":grey_question: This confirmation is not known to the bot (it may have restarted).", "Run `/cancel-offer` again.")
    case "ConfirmationExpired":
      return simple(
        `:hourglass: This confirmation for ${offerName(reason.offer)} expired (they last ${ttlMinutes} minutes). Nothing was cancelled.`,
        "Run `/cancel-offer` again to see what runs now."
      )
    case "ConfirmationUsed":
      return simple(`This confirmation for ${offerName(reason.offer)} was already used; it cancels only once.`, "The progress and outcome are posted where it was first confirmed.")
    case "CancelInFlight":
      return simple(
        `:hourglass_flowing_sand: A cancel of ${offerName(reason.offer)} started by ${user(reason.by)} is already in progress.`,
        "Wait for its outcome in the channel."
      )
    case "NotRequester":
      return simple(`Only ${user(reason.requester)}, who asked for this confirmation, can dismiss it.`)
  }
}
