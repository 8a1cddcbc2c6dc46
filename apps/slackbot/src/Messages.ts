/**
 * Everything the bot says, as Block Kit: usage, the confirmation with its buttons, status, progress,
 * the outcome, and one message per refusal and per core error saying what happened and what to do.
 * Text that came from a person or the API is escaped, so it cannot mention @channel or fake a link.
 */
import { cancellationWarning, type CppError, messageText, type Operation, type OperationFailed, type Submission } from "@offerops/core"
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

/** What runs on an offer: the submission from the list, with its detail (steps) when it could be read. */
export interface RunningOperation {
  readonly submission: Submission
  readonly operation: Operation | undefined
}

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
const refusalNote = (running: RunningOperation) => {
  const warning = cancellationWarning(running.operation?.cancellationRequestState)
  return warning === undefined ? [] : [context(`:hourglass: Note: ${escape(warning, 300)}.`)]
}

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

export const nothingRunning = (offer: string): SlackMessage =>
  simple(`Nothing is running on ${offerName(offer)}, so there is nothing to cancel.`, "`/cancel-offer status` shows what runs on an offer.")

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
 * A step of the cancel. After a 202 the core first follows the cancel operation (another id), then
 * reads the cancelled one; a snapshot without an id is reported by its status alone.
 */
export const cancelling = (request: Confirmation, who: string, operation: Operation | undefined): SlackMessage => {
  const where = operation === undefined
    ? "sending the cancel…"
    : operation.id !== undefined && operation.id !== request.operationId
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
export type Outcome =
  | { readonly _tag: "Ended"; readonly operation: Operation | undefined }
  | { readonly _tag: "Failed"; readonly error: CppError }
  /** The operation had ended before the click: nothing was cancelled. */
  | { readonly _tag: "NothingRunning" }
  /** Another operation runs now than the one confirmed: nothing was cancelled. */
  | { readonly _tag: "OperationChanged"; readonly runningId: string }

export const outcome = (request: Confirmation, who: string, at: number, result: Outcome): SlackMessage => {
  const by = who === request.requester ? user(who) : `${user(who)} (requested by ${user(request.requester)})`
  const what = confirmedOperation(request)
  const when = slackDate(at) ?? ""
  if (result._tag === "NothingRunning") {
    return simple(`:information_source: ${by} confirmed cancelling ${what} at ${when}, but it had already ended: nothing was cancelled.`)
  }
  if (result._tag === "OperationChanged") {
    return simple(
      `:warning: ${by} confirmed cancelling ${what} at ${when}, but another operation (\`${escape(result.runningId, 80)}\`) runs now: nothing was cancelled.`,
      "Run `/cancel-offer` again to see what runs now."
    )
  }
  if (result._tag === "Failed") {
    const explained = explain(result.error)
    return simple(`:x: ${by} tried to cancel ${what} at ${when}, and it failed: ${explained.what}`, explained.todo)
  }
  // Without a final read (a 200 for an unknown operation) the service's 200 is the confirmation.
  const state = result.operation?.state ?? "canceled"
  return simple(
    state === "canceled"
      ? `:octagonal_sign: ${by} cancelled ${what} at ${when}. It is cancelled.`
      : state === "completed"
      ? `:information_source: ${by} asked at ${when} to cancel ${what}, but it completed first.`
      : `:grey_question: ${by} asked at ${when} to cancel ${what}; the service now reports it *${escape(result.operation?.status ?? "", 40)}*.`,
    state === "canceled" || state === "completed" ? undefined : "Check it with `/cancel-offer status` or in Partner Center."
  )
}

/** What happened and what to do, for each error the core can fail with. */
export const explain = (error: CppError): { readonly what: string; readonly todo: string } => {
  const api = (e: { readonly status?: number | undefined; readonly code?: string | undefined; readonly message: string }) =>
    escape([e.status, e.code].filter((part) => part !== undefined).join(" ") + (e.status ?? e.code ? ": " : "") + e.message)
  switch (error._tag) {
    case "BadRequest":
      return {
        what: `the Cloud Partner Portal rejected the request (${api(error)}).`,
        todo: "Check the offer id and the emails. If it names an api-version, an admin sets `CPP_API_VERSION`."
      }
    case "Unauthorized":
      return {
        what: `the bot could not sign in to the Cloud Partner Portal (${api(error)}).`,
        todo: "Nothing was changed. An admin checks the bot's `CPP_TOKEN` or `AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/`AZURE_CLIENT_SECRET`."
      }
    case "Forbidden":
      return {
        what: `the bot's service principal has no access to this publisher (${api(error)}).`,
        todo: "An admin adds the service principal to the publisher in Partner Center (use the Object ID from \"Managed application in local directory\") and checks the publisherId."
      }
    case "NotFound":
      return {
        what: `no such publisher, offer or operation (${api(error)}).`,
        todo: "Check the spelling of `<publisherId>/<offerId>`; `/cancel-offer status <publisherId>/<offerId>` shows what runs."
      }
    case "Unavailable":
      return {
        what: `the Cloud Partner Portal did not answer usefully after several tries (${api(error)}).`,
        todo: `Try again in a few minutes${
          error.retryAfterMillis === undefined ? "" : ` (it asked to wait ${Math.ceil(error.retryAfterMillis / 1000)} s)`
        }; \`/cancel-offer status\` shows whether anything changed.`
      }
    case "InvalidResponse":
      return {
        what: `the Cloud Partner Portal sent an answer the bot does not understand (${escape(`${error.status}: ${error.message}`)}).`,
        todo: "Check the offer in Partner Center before trying again, and tell the bot's maintainers."
      }
    case "OperationFailed":
      return {
        what: `the cancellation failed (${escape(failureReason(error))}).`,
        todo: "Check the operation in Partner Center; `/cancel-offer status` shows what still runs, and you may try again."
      }
    case "WaitTimeout":
      return {
        what: `the cancel was sent, but it had not finished when the bot stopped waiting (${escape(error.message)}).`,
        todo: `Check later with \`/cancel-offer status\`, or follow it with the CLI: \`offerops watch ${escape(error.resumeToken, 1000)}\`.`
      }
    case "CancelUnconfirmed":
      return {
        what: `the Cloud Partner Portal's answer to the cancel was lost, and it cannot tell whether the cancel was taken (${
          escape(error.message)
        }).`,
        todo: `\`/cancel-offer status ${escape(error.offer, 200)}\` shows what runs; cancel again only if it still runs with no cancel under way.`
      }
    case "InvalidInput":
      return {
        what: `${escape(error.message)}.`,
        todo: "Write it as `/cancel-offer <publisherId>/<offerId> [email,...]`; `/cancel-offer help` shows the usage."
      }
  }
}

/** Why the service says the operation failed: its error messages without markup, else the core's summary. */
const failureReason = (error: OperationFailed): string => {
  const said = (error.operation.messages ?? []).flatMap((message) =>
    message.level?.toLowerCase() === "error" && message.messageHtml !== undefined ? [messageText(message)] : []
  )
  return said.length === 0 ? error.message : said.join(" ")
}

export const failure = (error: CppError): SlackMessage => {
  const explained = explain(error)
  return simple(`:x: ${explained.what.charAt(0).toUpperCase()}${explained.what.slice(1)}`, explained.todo)
}

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
