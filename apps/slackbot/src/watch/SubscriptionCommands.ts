/**
 * `/cancel-offer watch|unwatch <offer>` and `/cancel-offer watching`: the answers, and what the
 * audit trail records. Watching and unwatching an offer need the same permission as cancelling on
 * it; watching also needs a channel the bot can post in, which Slack is asked about first.
 */
import { type CppError, type InvalidInput, parseReference, referenceText } from "@offerops/core"
import { Effect } from "effect"
import type { AuditEvent } from "../Audit.ts"
import type { SlackMessage } from "../Messages.ts"
import { authorize, type CancelPolicy, type NoPolicy, type NotAllowed } from "../Policy.ts"
import { Subscriptions } from "../store/Subscriptions.ts"
import { ChannelSlack } from "./ChannelSlack.ts"
import * as WatchMessages from "./WatchMessages.ts"
import type { Translator } from "../i18n/Translator.ts"

export type SubscriptionCommand =
  | { readonly _tag: "Watch"; readonly offer: string }
  | { readonly _tag: "Unwatch"; readonly offer: string }
  | { readonly _tag: "Watching" }

export interface SubscriptionAnswer {
  readonly message: SlackMessage
  readonly audit: Omit<AuditEvent, "who" | "where" | "durationMs">
}

export const answerSubscription = (
  command: SubscriptionCommand,
  input: { readonly userId: string; readonly channelId: string; readonly reader: Translator }
): Effect.Effect<SubscriptionAnswer, InvalidInput | NoPolicy | NotAllowed | CppError, CancelPolicy | Subscriptions | ChannelSlack> =>
  Effect.gen(function*() {
    const subscriptions = yield* Subscriptions
    if (command._tag === "Watching") {
      const list = yield* subscriptions.ofChannel(input.channelId)
      return { message: WatchMessages.watching(input.reader, list), audit: { event: "subscription", result: `listed-${list.length}` } }
    }
    // Any reference the core accepts (#18), keyed by its text.
    const reference = yield* parseReference(command.offer)
    const name = referenceText(reference)
    yield* authorize({ userId: input.userId, channelId: input.channelId, reference })
    if (command._tag === "Unwatch") {
      const removed = yield* subscriptions.unwatch(input.channelId, name)
      return {
        message: WatchMessages.unwatched(input.reader, name, removed),
        audit: { event: "subscription", offer: name, result: removed ? "unwatched" : "not-watched" }
      }
    }
    const access = yield* ChannelSlack.use((slack) => slack.access(input.channelId))
    if (access !== "ok") {
      return { message: WatchMessages.cannotPost(input.reader, access), audit: { event: "subscription", offer: name, result: `refused:${access}` } }
    }
    const watched = yield* subscriptions.watch({ channel: input.channelId, offer: name, by: input.userId })
    return { message: WatchMessages.watched(input.reader, name, watched), audit: { event: "subscription", offer: name, result: `watch:${watched}` } }
  })
