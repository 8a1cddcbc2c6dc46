/**
 * What watching says, as Block Kit: the answers to `watch`, `unwatch` and `watching`, and in a
 * watching channel the one message per operation (what started, its steps, a `Cancel…` button, and
 * at last how it ended), the reminder in its thread, and the note that watching an offer paused.
 * Channel messages are in the team's language; times are Slack's `<!date>`, each reader's own zone.
 */
import { type Operation, operationKind, operationStatusText, type Step, stepStatusText, type Translator } from "@offerops/core"
import type { types } from "@slack/bolt"
import type { AuditRecord } from "../Audit.ts"
import { context, escape, mrkdwn, offerName, plain, section, type SlackMessage, slackDate, unmarked, user } from "../Messages.ts"
import type { ChannelAccess } from "./ChannelSlack.ts"
import type { Subscription, Watched } from "../store/Subscriptions.ts"

export const watchCancelActionId = "watch_cancel"

const simple = (text: string, note?: string): SlackMessage => ({
  text: unmarked(text),
  blocks: note === undefined ? [section(text)] : [section(text), context(note)]
})

/** Lines as as few sections as fit Slack's 3000 characters each (at most `max` sections). */
const sections = (lines: ReadonlyArray<string>, max = 20): Array<types.SectionBlock> => {
  const chunks: Array<string> = []
  for (const line of lines) {
    const last = chunks.at(-1)
    if (last !== undefined && last.length + 1 + line.length <= 3000) chunks[chunks.length - 1] = `${last}\n${line}`
    else chunks.push(line.slice(0, 3000))
  }
  return chunks.slice(0, max).map(section)
}

export const watched = (t: Translator, offer: string, result: Watched): SlackMessage =>
  simple(
    result === "added"
      ? `:eyes: ${t.t("bot.watch.added", { offer: offerName(offer) })}`
      : t.t(result === "resumed" ? "bot.watch.resumed" : "bot.watch.already", { offer: offerName(offer) })
  )

export const unwatched = (t: Translator, offer: string, removed: boolean): SlackMessage =>
  simple(t.t(removed ? "bot.watch.removed" : "bot.watch.notWatched", { offer: offerName(offer) }))

export const cannotPost = (t: Translator, access: Exclude<ChannelAccess, "ok">): SlackMessage => {
  const key = ({
    archived: "bot.watch.cannotPost.archived",
    private: "bot.watch.cannotPost.private",
    "not-found": "bot.watch.cannotPost.notFound",
    "missing-scope": "bot.watch.cannotPost.missingScope",
    unchecked: "bot.watch.cannotPost.unchecked"
  } as const)[access]
  return simple(`:no_entry: ${t.t(key)}`)
}

export const watching = (t: Translator, subscriptions: ReadonlyArray<Subscription>): SlackMessage => {
  if (subscriptions.length === 0) return simple(t.t("bot.watch.none"))
  const title = t.t("bot.watch.list.title", { count: subscriptions.length })
  const lines = subscriptions.slice(0, 50).map((s) => {
    const item = t.t("bot.watch.list.item", { offer: offerName(s.offer), user: user(s.addedBy), time: slackDate(s.addedAt) })
    const paused = s.pausedAt === undefined
      ? ""
      : ` — :pause_button: ${t.t("bot.watch.list.paused", { time: slackDate(s.pausedAt), reason: escape(s.pausedReason ?? "", 100) })}`
    return `• ${item}${paused}`
  })
  return { text: unmarked(title), blocks: [section(title), ...sections(lines)] }
}

/** One operation as a watching channel sees it; `target` is the slot (CPP) or target the service names. */
export interface WatchedOperation {
  readonly offer: string
  readonly id: string
  readonly type: string | undefined
  readonly target: string | undefined
  /** When the service says it started (its own text). */
  readonly started: string | undefined
  /** The detail with its steps, when it could be read. */
  readonly operation: Operation | undefined
  /** The service's status text and its normalised state. */
  readonly status: { readonly status: string; readonly state: Operation["state"] }
}

/** How the operation ended, as the watcher read it: `by` is who confirmed its cancel through the bot. */
export type WatchEnd =
  | { readonly _tag: "Completed" }
  | { readonly _tag: "Failed" }
  | { readonly _tag: "Canceled"; readonly by: string | undefined }
  | { readonly _tag: "Unknown" }

const stepMark: Record<Step["state"], string> = {
  complete: ":white_check_mark:",
  inProgress: ":arrow_forward:",
  notStarted: ":white_circle:",
  waitingForPublisherReview: ":hourglass:",
  waitingForApproval: ":hourglass:",
  blocked: ":warning:",
  rejected: ":warning:",
  failed: ":x:",
  canceled: ":no_entry_sign:",
  unknown: ":grey_question:"
}

const stepName = (t: Translator, step: Step) => escape(step.stepName ?? step.id ?? t.t("term.unnamedStep"), 100)

const stepLines = (t: Translator, operation: Operation | undefined): Array<string> =>
  (operation?.steps ?? []).slice(0, 20).map((step) => {
    const percent = step.state === "inProgress" && step.progressPercentage !== undefined ? `, ${t.percent(step.progressPercentage / 100)}` : ""
    return `${stepMark[step.state]} ${stepName(t, step)} (${escape(stepStatusText(t, step), 60)}${percent})`
  })

const serviceTime = (t: Translator, time: string | undefined): string => {
  if (time === undefined) return t.t("term.unknown")
  const millis = Date.parse(time)
  return Number.isFinite(millis) ? slackDate(millis) : escape(time, 60)
}

const endLine = (t: Translator, end: WatchEnd, at: number): string => {
  const time = slackDate(at)
  switch (end._tag) {
    case "Completed":
      return `:white_check_mark: ${t.t("bot.watch.end.completed", { time })}`
    case "Failed":
      return `:x: ${t.t("bot.watch.end.failed", { time })}`
    case "Canceled":
      return end.by === undefined
        ? `:octagonal_sign: ${t.t("bot.watch.end.canceled", { time })}`
        : `:octagonal_sign: ${t.t("bot.watch.end.canceledBy", { user: user(end.by), time })}`
    case "Unknown":
      return `:grey_question: ${t.t("bot.watch.end.unknown", { time })}`
  }
}

/**
 * The channel's message about an operation: posted when it starts, edited as it moves, and at its
 * end edited once more, without the button, to say how it ended.
 */
export const watchedOperation = (
  t: Translator,
  seen: WatchedOperation,
  watcher: string,
  end?: { readonly end: WatchEnd; readonly at: number }
): SlackMessage => {
  const kind = operationKind(seen.type)
  const head = `:eyes: ${t.t("bot.watch.started", { kind, offer: offerName(seen.offer) })}`
  const fields: Array<types.MrkdwnElement> = [
    mrkdwn(`${t.t("bot.field.type")}\n${escape(t.t("term.kind", { kind, raw: seen.type ?? "" }), 40)}`),
    mrkdwn(`${t.t("bot.watch.field.target")}\n${seen.target === undefined ? t.t("term.unknown") : escape(seen.target, 60)}`),
    mrkdwn(`${t.t("bot.field.since")}\n${serviceTime(t, seen.started)}`),
    mrkdwn(`${t.t("bot.field.operation")}\n\`${escape(seen.id, 80)}\``),
    mrkdwn(`${t.t("bot.field.status")}\n${escape(operationStatusText(t, seen.status), 40)}`)
  ]
  const steps = stepLines(t, seen.operation)
  const blocks: Array<types.KnownBlock> = [
    section(head),
    { type: "section", fields },
    ...(steps.length === 0 ? [] : sections([t.t("bot.watch.steps"), ...steps], 4)),
    ...(end === undefined
      ? [{
        type: "actions" as const,
        elements: [{
          type: "button" as const,
          action_id: watchCancelActionId,
          style: "danger" as const,
          text: plain(t.t("bot.watch.cancelButton")),
          // The offer, not a confirmation: a click only asks for what runs, as typing the command would.
          value: seen.offer
        }]
      }]
      : [section(endLine(t, end.end, end.at))]),
    context(t.t("bot.watch.footer", { user: user(watcher) }))
  ]
  return { text: unmarked(end === undefined ? head : `${head} ${endLine(t, end.end, end.at)}`), blocks }
}

export const reminder = (t: Translator, seen: WatchedOperation, step: Step, hours: number): SlackMessage =>
  simple(`:alarm_clock: ${t.t("bot.watch.reminder", { kind: operationKind(seen.type), offer: offerName(seen.offer), step: stepName(t, step), hours })}`)

export const paused = (t: Translator, offer: string, reason: string): SlackMessage =>
  simple(
    `:pause_button: ${t.t("bot.watch.paused", { offer: offerName(offer), reason: escape(reason, 100) })}`,
    t.t("bot.watch.paused.todo", { offer: escape(offer, 520) })
  )

/** What watching did on an offer, for `history`: the trail's own event and result words. */
export const watchHistory = (t: Translator, offer: string, records: ReadonlyArray<AuditRecord>): Array<types.KnownBlock> =>
  records.length === 0 ? [] : [
    section(t.t("bot.watch.history.title", { offer: offerName(offer) })),
    ...sections(records.map((record) =>
      `• ${escape(t.dateTime(Date.parse(record.at)), 60)}: ${record.who === watcherName ? escape(record.who, 40) : user(record.who)}, <#${
        escape(record.where, 40)
      }>${record.operationId === undefined ? "" : `, \`${escape(record.operationId, 80)}\``} → *${escape(record.result, 80)}*`
    ))
  ]

/** Who the audit names for what the watcher did on its own. */
export const watcherName = "watcher"
