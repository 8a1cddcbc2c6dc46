/**
 * Everything the bot says, as Block Kit: usage, the confirmation with its buttons, status, progress,
 * the outcome, and one message per refusal and per core error saying what happened and what to do.
 * Text that came from a person or the API is escaped, so it cannot mention @channel or fake a link.
 * Every message takes its reader's translator: the requester's for what only they see, the team's
 * for what the channel reads.
 */
import {
  cancellationWarning,
  type CppError,
  escapeControls,
  kindText,
  Next,
  type Operation,
  operationKind,
  operationStatusText,
  Outcome,
  type Progress,
  type Remedy,
  remedyOf,
  remedyOfOutcome,
  type RunningOperation,
  stepNameText,
  stepStatusText
} from "@offerops/core"
import type { types } from "@slack/bolt"
import type { AuditRecord } from "./Audit.ts"
import { subcommands } from "./CommandText.ts"
import type { Confirmation, ConfirmationRefused } from "./store/Confirmations.ts"
import type { CancelInFlight } from "./store/OfferHolds.ts"
import type { Translator } from "./i18n/Translator.ts"

export interface SlackMessage {
  /** The notification and fallback text. */
  readonly text: string
  readonly blocks: Array<types.KnownBlock>
}

export const confirmActionId = "confirm_cancel"
export const dismissActionId = "dismiss_cancel"

/** Escapes Slack's control characters and terminal ones (core's escapeControls), and bounds the length. */
export const escape = (text: string, max = 500): string =>
  escapeControls(text.length > max ? `${text.slice(0, max)}…` : text).replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text })
export const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text, emoji: true })
export const section = (text: string): types.SectionBlock => ({ type: "section", text: mrkdwn(text) })
export const context = (text: string): types.ContextBlock => ({ type: "context", elements: [mrkdwn(text)] })
/** Plain text with Slack's markup removed, for notifications and the fallback `text`. */
export const unmarked = (text: string) => text.replace(/[*`]/g, "")
const simple = (text: string, note?: string): SlackMessage => ({
  text: unmarked(text),
  blocks: note === undefined ? [section(text)] : [section(text), context(note)]
})

export const user = (id: string) => `<@${escape(id, 40)}>`
export const offerName = (offer: string) => `*${escape(offer, 520)}*`

/** A moment Slack shows in each reader's own time zone, with ISO text as the fallback. */
export const slackDate = (millis: number): string =>
  `<!date^${Math.floor(millis / 1000)}^{date_short_pretty} {time}|${new Date(millis).toISOString()}>`

/** A service timestamp in the reader's language and time zone; escaped text when it does not parse. */
const readerDate = (t: Translator, time: string | undefined): string | undefined => {
  if (time === undefined) return undefined
  const millis = Date.parse(time)
  return Number.isFinite(millis) ? t.dateTime(millis) : escape(time, 60)
}

const stepText = (t: Translator, operation: Operation | undefined): string => {
  const step = operation?.currentStep
  if (step === undefined) return t.t("bot.unknown")
  const percent = step.progressPercentage === undefined ? "" : `, ${t.percent(step.progressPercentage / 100)}`
  return `${escape(stepNameText(t, step), 100)} (${escape(stepStatusText(t, step), 60)}${percent})`
}

const typeOf = (running: RunningOperation) => running.operation?.submissionType ?? running.submission.submissionType

const runningFields = (t: Translator, running: RunningOperation): Array<types.MrkdwnElement> => {
  const { submission, operation } = running
  const version = operation?.offerVersion ?? submission.offerVersion
  const since = readerDate(t, operation?.createdDateTime ?? submission.changedTime)
  const status = operation ?? { status: submission.submissionState, state: submission.state }
  return [
    mrkdwn(`${t.t("bot.field.type")}\n${escape(t.t("term.kind", { kind: operationKind(typeOf(running)), raw: typeOf(running) ?? "" }), 40)}`),
    mrkdwn(`${t.t("bot.field.offerVersion")}\n${version === undefined ? t.t("bot.unknown") : version}`),
    mrkdwn(`${t.t("bot.field.currentStep")}\n${stepText(t, operation)}`),
    mrkdwn(`${t.t("bot.field.since")}\n${since ?? t.t("bot.unknown")}`),
    mrkdwn(`${t.t("bot.field.operation")}\n\`${escape(submission.id, 80)}\``),
    mrkdwn(`${t.t("bot.field.status")}\n${escape(operationStatusText(t, status), 40)}`)
  ]
}

/** A note when the service says it may refuse the cancel (e.g. one is already under way). */
const refusalNote = (t: Translator, running: RunningOperation) => {
  const warning = cancellationWarning(running.operation?.cancellationRequestState, t)
  return warning === undefined ? [] : [context(`:hourglass: ${t.t("bot.note", { warning: escape(warning, 300) })}`)]
}

export const usage = (t: Translator, problem?: string): SlackMessage => {
  const lines = [t.t("bot.usage.title"), ...subcommands.map((subcommand) => t.t(`bot.usage.${subcommand.name}`)), t.t("bot.usage.references")]
  if (problem === undefined) return simple(lines.join("\n"))
  const said = t.t("bot.usage.problem", { problem: escape(problem) })
  return { text: said, blocks: [section(`:warning: ${said}`), section(lines.join("\n"))] }
}

export const confirmation = (t: Translator, request: Confirmation, running: RunningOperation, ttlMinutes: number): SlackMessage => {
  const notify = request.emails.length === 0
    ? t.t("bot.confirm.notifyNobody")
    // Addresses, not prose: listed as typed in every language.
    : request.emails.map((email) => escape(email, 254)).join(", ")
  const kind = operationKind(typeOf(running))
  const question = t.t("bot.confirm.question", { kind, offer: offerName(request.offer) })
  return {
    text: unmarked(question),
    blocks: [
      section(`:warning: ${question}`),
      { type: "section", fields: runningFields(t, running) },
      ...refusalNote(t, running),
      section(`${t.t("bot.confirm.notify")}\n${notify}`),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: confirmActionId,
            style: "danger",
            text: plain(t.t("bot.confirm.button")),
            value: request.id,
            confirm: {
              title: plain(t.t("bot.confirm.dialogTitle")),
              text: mrkdwn(t.t("bot.confirm.dialogText", { kind, offer: offerName(request.offer) })),
              confirm: plain(t.t("bot.confirm.dialogYes")),
              deny: plain(t.t("bot.confirm.dialogNo")),
              style: "danger"
            }
          },
          { type: "button", action_id: dismissActionId, text: plain(t.t("bot.confirm.dismiss")), value: request.id }
        ]
      },
      context(t.t("bot.confirm.footer", { minutes: ttlMinutes }))
    ]
  }
}

export const nothingRunning = (t: Translator, offer: string): SlackMessage =>
  simple(t.t("bot.nothingRunning", { offer: offerName(offer) }), t.t("bot.nothingRunning.hint"))

/** An answer that took too long: the service is slow, and nothing was done. */
export const slow = (t: Translator): SlackMessage => simple(`:hourglass: ${t.t("bot.slow")}`, t.t("bot.slow.hint"))

export const status = (t: Translator, offer: string, running: RunningOperation | undefined): SlackMessage => {
  if (running === undefined) return simple(t.t("bot.status.idle", { offer: offerName(offer) }))
  const said = t.t("bot.status.running", { kind: operationKind(typeOf(running)), offer: offerName(offer) })
  return { text: unmarked(said), blocks: [section(said), { type: "section", fields: runningFields(t, running) }] }
}

/**
 * The last outcomes of cancels on an offer, newest first, from the audit trail, dates in the reader's
 * time zone. The result stays the audit's own word (`canceled`, `ended-first:completed`), as
 * `history` shows the trail itself.
 */
export const history = (t: Translator, offer: string, outcomes: ReadonlyArray<AuditRecord>): SlackMessage => {
  if (outcomes.length === 0) return simple(t.t("bot.history.none", { offer: offerName(offer) }))
  const title = t.t("bot.history.title", { count: outcomes.length, offer: offerName(offer) })
  return {
    text: unmarked(title),
    blocks: [
      section(title),
      section(outcomes.map((record) =>
        `• ${escape(t.dateTime(Date.parse(record.at)), 60)}: ${user(record.who)}${
          record.requester === undefined
            ? ""
            : ` (${t.t("bot.history.requestedBy", { user: user(record.requester) })})`
        }, \`${escape(record.operationId ?? "?", 80)}\` → *${escape(record.result, 80)}*`
      ).join("\n"))
    ]
  }
}

export const dismissed = (t: Translator, offer: string): SlackMessage => simple(t.t("bot.dismissed", { offer: offerName(offer) }))

const confirmedOperation = (t: Translator, request: Confirmation) =>
  t.t("bot.operationRef", { kind: operationKind(request.operationType), id: escape(request.operationId, 80), offer: offerName(request.offer) })

/**
 * A step of the cancel. After a 202 the core first follows the cancel operation (its `subject` says
 * so), then reads the cancelled one.
 */
export const cancelling = (t: Translator, request: Confirmation, who: string, progress: Progress | undefined): SlackMessage => {
  const operation = progress?.operation
  const status = operation === undefined ? "" : escape(operationStatusText(t, operation), 40)
  const where = progress === undefined || operation === undefined
    ? t.t("bot.cancelling.sending")
    : progress.subject === "cancel"
    ? t.t("bot.cancelling.request", { status })
    : operation.state === "running" || operation.state === "notStarted"
    ? t.t("bot.cancelling.still", { status, step: stepText(t, operation) })
    : t.t("bot.cancelling.now", { status })
  return simple(
    `:hourglass_flowing_sand: ${t.t("bot.cancelling", { user: user(who), operation: confirmedOperation(t, request), where })}`,
    t.t("bot.cancelling.hint")
  )
}

/** How a cancel ended, as the final in-channel message reports it. */
export type CancelEnd =
  /** The core's outcome of the cancel. */
  | { readonly _tag: "Decided"; readonly outcome: Outcome }
  | { readonly _tag: "Failed"; readonly error: CppError }

/**
 * The in-channel outcome, in the team's language, the core's advice included; the time as Slack
 * shows it to each reader.
 */
export const outcome = (t: Translator, request: Confirmation, who: string, at: number, end: CancelEnd): SlackMessage => {
  const by = who === request.requester ? user(who) : t.t("bot.by.requestedBy", { user: user(who), requester: user(request.requester) })
  const facts = { by, operation: confirmedOperation(t, request), time: slackDate(at) }
  switch (end._tag) {
    case "Failed":
      return advice(t, remedyOf(end.error, t), `:x: ${t.t("bot.lead.failed", facts)}`)
    case "Decided":
      return Outcome.match(end.outcome, {
        // The common ending: a short line of the bot's own rather than the core's advice.
        Canceled: ({ operation }) =>
          simple(
            `:octagonal_sign: ${t.t("bot.lead.at", facts)} ${
              operation === undefined
                ? t.t("bot.outcome.canceledOn", { offer: escape(request.offer, 520) })
                : t.t("bot.outcome.canceledWhat", {
                  kind: escape(kindText(t, operation.submissionType), 40),
                  id: escape(operation.id ?? "", 80),
                  offer: escape(request.offer, 520)
                })
            }`,
            t.t("bot.outcome.canceled.todo")
          ),
        NothingRunning: () => simple(`:information_source: ${t.t("bot.outcome.alreadyEnded", facts)}`),
        EndedFirst: (ended) => advice(t, remedyOfOutcome(ended, t), `:information_source: ${t.t("bot.lead.askedToCancel", facts)}`),
        CancelFailed: (failed) => advice(t, remedyOfOutcome(failed, t), `:x: ${t.t("bot.lead.triedToCancel", facts)}`),
        Accepted: (accepted) => advice(t, remedyOfOutcome(accepted, t), `:hourglass_flowing_sand: ${t.t("bot.lead.askedToCancel", facts)}`),
        // The core's words, as the CLI shows them: what runs now, and that nothing was sent.
        OperationChanged: (changed) => advice(t, remedyOfOutcome(changed, t), `:warning: ${t.t("bot.lead.askedToCancel", facts)}`)
      })
  }
}

const nextStep = (t: Translator, next: Next): string =>
  Next.match({
    Watch: ({ resumeToken }) => t.t("bot.next.watch", { token: escape(resumeToken, 1000) }),
    ShowOperations: ({ offer }) => t.t("bot.next.showOperations", { offer: escape(offer, 520) }),
    Usage: () => t.t("bot.next.usage")
  })(next)

/**
 * The core's advice as Block Kit: `lead` (the bot's own framing) and what happened, then in small
 * print the service's words, what to do, where in Partner Center, and the next command.
 */
export const advice = (t: Translator, remedy: Remedy, lead?: string): SlackMessage => {
  const head = lead === undefined ? escape(remedy.what, 1000) : `${lead} ${escape(remedy.what, 1000)}`
  const notes = [
    ...remedy.detail.map((line) => `> ${escape(line, 500)}`),
    escape(remedy.todo, 1000),
    ...(remedy.partnerCenter.length === 0
      ? []
      : [t.t("bot.advice.partnerCenter", { path: remedy.partnerCenter.map((part) => escape(part, 100)).join(" → ") })]),
    ...(remedy.next === undefined ? [] : [nextStep(t, remedy.next)])
  ]
  return { text: unmarked(head), blocks: [section(head), context(notes.join("\n"))] }
}

export const failure = (t: Translator, error: CppError): SlackMessage => advice(t, remedyOf(error, t), ":x:")

export type Refusal =
  | { readonly _tag: "NoPolicy" }
  | { readonly _tag: "NotAllowed"; readonly userId: string; readonly channelId: string; readonly publisherId: string; readonly product?: string | undefined }
  | ConfirmationRefused
  | CancelInFlight
  | { readonly _tag: "NotRequester"; readonly requester: string }

// A policy file that would allow one user in one channel to cancel one publisher's operations.
const policyExample = "`{\"allow\": [{\"users\": [\"U012AB3CD\"], \"channels\": [\"C012AB3CD\"], \"publishers\": [\"contoso\"]}]}`"

export const refusal = (t: Translator, reason: Refusal, ttlMinutes: number): SlackMessage => {
  switch (reason._tag) {
    case "NoPolicy":
      return simple(`:no_entry: ${t.t("bot.refusal.noPolicy")}`, t.t("bot.refusal.noPolicy.todo", { example: policyExample }))
    case "NotAllowed": {
      // #18: a Partner Center reference is granted by a rule's `products`, an offer by its publisher.
      const named = escape(reason.publisherId, 270)
      const ids = { userId: escape(reason.userId, 40), channelId: escape(reason.channelId, 40) }
      return reason.product === undefined
        ? simple(
          `:no_entry: ${t.t("bot.refusal.notAllowed", { user: user(reason.userId), publisher: named })}`,
          t.t("bot.refusal.notAllowed.todo", { ...ids, publisher: named })
        )
        : simple(
          `:no_entry: ${t.t("bot.refusal.notAllowedProduct", { user: user(reason.userId), reference: named })}`,
          t.t("bot.refusal.notAllowedProduct.todo", { ...ids, product: escape(reason.product, 260) })
        )
    }
    case "ConfirmationUnknown":
      return simple(`:grey_question: ${t.t("bot.refusal.unknown")}`, t.t("bot.refusal.runAgain"))
    case "ConfirmationExpired":
      return simple(
        `:hourglass: ${t.t("bot.refusal.expired", { offer: offerName(reason.offer), minutes: ttlMinutes })}`,
        t.t("bot.refusal.runAgainToSee")
      )
    case "ConfirmationUsed":
      return simple(t.t("bot.refusal.used", { offer: offerName(reason.offer) }), t.t("bot.refusal.used.hint"))
    case "CancelInFlight":
      return simple(
        `:hourglass_flowing_sand: ${t.t("bot.refusal.inFlight", { offer: offerName(reason.offer), user: user(reason.by) })}`,
        t.t("bot.refusal.inFlight.hint")
      )
    case "NotRequester":
      return simple(t.t("bot.refusal.notRequester", { requester: user(reason.requester) }))
  }
}

/** A command or click while the database does not answer: nothing was done, try again later. */
export const storeDown = (t: Translator): SlackMessage => simple(`:warning: ${t.t("bot.storeDown")}`, t.t("bot.storeDown.todo"))
