/** What both buttons share: ack at once, then hand the click (clicker, their language, channel, value) to the domain. */
import type { RespondFn } from "@slack/bolt"
import { Clock, Effect } from "effect"
import type { ClickInput } from "../../CancelOffer.ts"
import { makeProgress } from "../../Progress.ts"
import { Readers, type UsersApi } from "../../Readers.ts"
import type { BotServices, Runner } from "../../Runtime.ts"
import { countClick, spanAttributes } from "../../Telemetry.ts"
import { shortId } from "../../workflow/CancelWorkflow.ts"
import { type ChatClient, slackReplies } from "../respond.ts"
import { tellWhenStoreDown } from "../storeDown.ts"

export interface ButtonArgs {
  readonly ack: () => Promise<void>
  readonly body: {
    readonly user: { readonly id: string }
    readonly channel?: { readonly id: string } | undefined
    readonly container?: { readonly channel_id?: unknown } | undefined
    readonly response_url?: string | undefined
  }
  readonly action: { readonly value?: string | undefined }
  readonly respond: RespondFn
  readonly client: ChatClient & UsersApi
}

export const buttonListener = (
  runner: Runner,
  name: string,
  flow: (input: ClickInput) => Effect.Effect<void, never, BotServices>
) =>
async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
  await ack()
  const container = body.container?.channel_id
  const channelId = body.channel?.id ?? (typeof container === "string" ? container : "")
  await runner.run(
    name,
    Effect.gen(function*() {
      yield* countClick(name)
      yield* Effect.annotateCurrentSpan(spanAttributes({ confirmation: shortId(action.value ?? "") }))
      const now = yield* Clock.currentTimeMillis
      const reader = yield* Readers.use((readers) => readers.user(body.user.id, client))
      const reporter = makeProgress(slackReplies(respond, client), channelId, now)
      yield* tellWhenStoreDown(
        flow({
          userId: body.user.id,
          channelId,
          confirmationId: action.value ?? "",
          responseUrl: body.response_url ?? "",
          clickedAt: now,
          reader,
          reporter
        }),
        reader,
        reporter.tell
      )
    })
  )
}
