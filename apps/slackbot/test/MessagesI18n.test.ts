/**
 * The bot's messages in every language: each fits Slack's limits (3000 characters a section text,
 * 75 a button, 100/300/30 in a confirmation dialog) with long but plausible values, and the
 * confirmation, progress, outcome and history read as the snapshots show (one file per language).
 */
import { BadRequest, type CppError, Forbidden, InvalidInput, InvalidResponse, type Locale, locales, NotFound, Operation, OperationFailed, Step, Submission, translator, Unauthorized, Unavailable, WaitTimeout } from "@offerops/core"
import type { types } from "@slack/bolt"
import { describe, expect, it } from "vitest"
import type { AuditRecord } from "../src/Audit.ts"
import { cannotPost, paused, reminder, unwatched, type WatchEnd, watched, watchedOperation, watchHistory, watching } from "../src/watch/WatchMessages.ts"
import { type CancelEnd, cancelling, confirmation, dismissed, failure, history, nothingRunning, outcome, refusal, type Refusal, type SlackMessage, status, usage } from "../src/Messages.ts"

const longOffer = `${"p".repeat(60)}/${"o".repeat(60)}`
const request = {
  id: "3f1c2b9e-7a1d-4c55-9a0e-2d7f4b8c1e00",
  requester: "U0ALICE",
  channel: "C0OPS",
  offer: "contoso/contoso-vm",
  operationId: "4b1e7d2a-0000-1000-8000-000000000001",
  operationType: "publish",
  emails: ["release-managers@contoso.com", "ops@contoso.com"],
  createdAt: 0
}
const location = `https://cloudpartner.azure.com/api/publishers/contoso/offers/contoso-vm/operations/${request.operationId}`
const running = {
  location,
  submission: new Submission({ id: request.operationId, submissionState: "running", submissionType: "publish", offerVersion: 7, changedTime: "2026-12-01T09:30:00Z" }),
  operation: new Operation({
    id: request.operationId,
    status: "running",
    submissionType: "publish",
    offerVersion: 7,
    createdDateTime: "2026-12-01T09:30:00Z",
    cancellationRequestState: "cancelRequested",
    steps: [
      new Step({ id: "displaycertify", stepName: "Certification", status: "complete", progressPercentage: 100 }),
      new Step({ id: "displayprovision", stepName: "Provisioning", status: "inProgress", progressPercentage: 40 })
    ]
  })
}
const http = { method: "POST", path: `/api/publishers/${longOffer}/cancel`, message: "x".repeat(400) }
const errors: ReadonlyArray<CppError> = [
  new BadRequest({ ...http, status: 400, code: "InvalidAPIVersion" }),
  new Unauthorized({ ...http, status: 401 }),
  new Forbidden({ ...http, status: 403 }),
  new NotFound({ ...http, status: 404 }),
  new Unavailable({ ...http, status: 503, retryAfterMillis: 1_000 }),
  new Unavailable({ ...http, status: 503, retryAfterMillis: 30_000 }),
  new InvalidResponse({ method: "GET", path: "/x", status: 200, message: "not JSON" }),
  new OperationFailed({ location: "/x", operation: new Operation({ status: "failed" }), message: "the cancellation failed" }),
  new WaitTimeout({ location: "/x", resumeToken: "eyJ2IjoxfQ".repeat(30), message: "still running after 30m" }),
  new InvalidInput({ message: "not an email: x@" })
]
const refusals: ReadonlyArray<Refusal> = [
  { _tag: "NoPolicy" },
  { _tag: "NotAllowed", userId: "U0MALLORY", channelId: "C0OPS", publisherId: "p".repeat(60) },
  { _tag: "ConfirmationUnknown" },
  { _tag: "ConfirmationExpired", offer: longOffer },
  { _tag: "ConfirmationUsed", offer: longOffer },
  { _tag: "CancelInFlight", offer: longOffer, by: "U0BOB" },
  { _tag: "NotRequester", requester: "U0ALICE" }
] as ReadonlyArray<Refusal>
const offer = request.offer
const outcomes: ReadonlyArray<CancelEnd> = [
  { _tag: "Decided", outcome: { _tag: "Canceled", offer, location, operation: new Operation({ id: request.operationId, status: "canceled" }) } },
  { _tag: "Decided", outcome: { _tag: "EndedFirst", offer, location, operation: new Operation({ id: request.operationId, status: "completed" }) } },
  { _tag: "Decided", outcome: { _tag: "CancelFailed", offer, location, operation: new Operation({ id: request.operationId, status: "running" }) } },
  { _tag: "Decided", outcome: { _tag: "NothingRunning", offer } },
  {
    _tag: "Decided",
    outcome: {
      _tag: "OperationChanged",
      offer,
      location,
      operationId: request.operationId,
      operation: new Operation({ id: request.operationId, status: "completed", submissionType: "publish" }),
      running: new Submission({ id: "9c0d0000-0000-1000-8000-000000000002", submissionType: "publish", submissionState: "running" })
    }
  },
  { _tag: "Decided", outcome: { _tag: "Accepted", offer, location, resumeToken: "eyJ2IjoyfQ" } },
  ...errors.map((error): CancelEnd => ({ _tag: "Failed", error }))
]
/** A snapshot of the wait, as the core's progress stream gives it. */
const step = (operation: Operation, subject: "operation" | "cancel" = "operation") => ({ operation, location, resumeToken: "eyJ2IjoyfQ", subject })
const at = Date.UTC(2026, 11, 1, 9, 45)
/** The audit trail's last outcomes on an offer, newest first, as `/cancel-offer history` reads them. */
const trail = (count: number): ReadonlyArray<AuditRecord> =>
  Array.from({ length: count }, (_, i) => ({
    at: new Date(at - i * 86_400_000).toISOString(),
    event: "outcome",
    who: "U0ALICE",
    where: "C0OPS",
    offer: request.offer,
    ...(i % 2 === 0 ? {} : { requester: "U0BOB" }),
    operationId: request.operationId,
    result: i === 0 ? "canceled" : "ended-first:completed"
  }))

const everyMessage = (locale: Locale): ReadonlyArray<SlackMessage> => {
  const t = translator(locale, { timeZone: "Asia/Tokyo" })
  const long = { ...request, offer: longOffer, operationType: "goLive" }
  return [
    usage(t),
    usage(t, "y".repeat(500)),
    confirmation(t, request, running, 10),
    confirmation(t, long, running, 1),
    nothingRunning(t, longOffer),
    status(t, longOffer, undefined),
    status(t, longOffer, running),
    dismissed(t, longOffer),
    cancelling(t, long, "U0ALICE", undefined),
    cancelling(t, long, "U0ALICE", step(new Operation({ id: "other", status: "running" }), "cancel")),
    cancelling(t, long, "U0ALICE", step(running.operation)),
    cancelling(t, long, "U0ALICE", step(new Operation({ id: request.operationId, status: "canceled" }))),
    ...outcomes.map((result) => outcome(t, { ...long, requester: "U0BOB" }, "U0ALICE", at, result)),
    ...errors.map((error) => failure(t, error)),
    ...refusals.map((reason) => refusal(t, reason, 10)),
    history(t, longOffer, []),
    history(t, longOffer, trail(10)),
    ...watchMessages(t)
  ]
}

/** #22: what watching says, with long values, in every language. */
const watchMessages = (t: ReturnType<typeof translator>): ReadonlyArray<SlackMessage> => {
  const seen = {
    offer: longOffer,
    id: request.operationId,
    type: "publish",
    target: "preview",
    started: "2026-12-01T09:30:00Z",
    operation: new Operation({ ...running.operation, steps: Array.from({ length: 30 }, (_, i) => new Step({ id: `s${i}`, stepName: "n".repeat(200), status: "inProgress", progressPercentage: 40 })) }),
    status: running.operation
  }
  const subscriptions = Array.from({ length: 60 }, (_, i) => ({ channel: "C0OPS", offer: longOffer, addedBy: "U0ALICE", addedAt: at, ...(i % 2 === 0 ? {} : { pausedAt: at, pausedReason: "403 Forbidden" }) }))
  const ends: ReadonlyArray<WatchEnd> = [{ _tag: "Completed" }, { _tag: "Failed" }, { _tag: "Canceled", by: "U0ALICE" }, { _tag: "Canceled", by: undefined }, { _tag: "Unknown" }]
  return [
    ...(["added", "resumed", "already"] as const).map((result) => watched(t, longOffer, result)),
    unwatched(t, longOffer, true),
    unwatched(t, longOffer, false),
    ...(["archived", "private", "not-found", "missing-scope", "unchecked"] as const).map((access) => cannotPost(t, access)),
    watching(t, []),
    watching(t, subscriptions),
    watchedOperation(t, seen, "U0ALICE"),
    ...ends.map((end) => watchedOperation(t, seen, "U0ALICE", { end, at })),
    reminder(t, seen, seen.operation.steps![0]!, 72),
    paused(t, longOffer, "403 Forbidden"),
    { text: "history", blocks: watchHistory(t, longOffer, trail(10).map((record) => ({ ...record, event: "watch", result: "end:canceled-by:U0ALICE" }))) }
  ]
}

/** Every text in a message with the limit Slack puts on it. */
const limited = (message: SlackMessage): ReadonlyArray<readonly [string, number]> =>
  message.blocks.flatMap((block: types.KnownBlock): ReadonlyArray<readonly [string, number]> => {
    switch (block.type) {
      case "section":
        return [
          ...(block.text === undefined ? [] : [[block.text.text, 3000] as const]),
          ...(block.fields ?? []).map((field) => [field.text, 2000] as const)
        ]
      case "context":
        return block.elements.flatMap((element) => "text" in element ? [[element.text, 3000] as const] : [])
      case "actions":
        return block.elements.flatMap((element) =>
          element.type !== "button" ? [] : [
            [element.text.text, 75] as const,
            ...(element.confirm === undefined ? [] : [
              [element.confirm.title?.text ?? "", 100] as const,
              [element.confirm.text?.text ?? "", 300] as const,
              [element.confirm.confirm?.text ?? "", 30] as const,
              [element.confirm.deny?.text ?? "", 30] as const
            ])
          ]
        )
      default:
        return []
    }
  })

describe.each(locales)("the bot in %s", (locale) => {
  it("stays within Slack's limits in every message", () => {
    for (const message of everyMessage(locale)) {
      expect(message.text.length).toBeGreaterThan(0)
      for (const [text, max] of limited(message)) {
        expect(text.length, text).toBeGreaterThan(0)
        expect(text.length, text).toBeLessThanOrEqual(max)
      }
    }
  })

  it("reads as the snapshot shows: confirmation, progress, outcome, history", async () => {
    const t = translator(locale, { timeZone: "Asia/Tokyo" })
    const shown = {
      confirmation: confirmation(t, request, running, 10),
      progress: [
        cancelling(t, request, "U0ALICE", undefined),
        cancelling(t, request, "U0ALICE", step(running.operation)),
        cancelling(t, request, "U0ALICE", step(new Operation({ id: request.operationId, status: "canceled" })))
      ].map((message) => message.blocks),
      outcome: outcomes.slice(0, 5).map((result) => outcome(t, request, "U0ALICE", at, result).blocks),
      // One, a few and many (the plural categories of Russian and Hungarian differ), and none.
      history: [1, 3, 5, 0].map((count) => history(t, request.offer, trail(count)).blocks)
    }
    await expect(JSON.stringify(shown, null, 2)).toMatchFileSnapshot(`./__snapshots__/messages.${locale}.json`)
  })
})
