/** `/cancel-offer …`: ack at once (empty body), then answer the requester ephemerally, in their language. */
import type { RespondFn, SlashCommand } from "@slack/bolt"
import { Effect } from "effect"
import { handleCommand } from "../../CancelOffer.ts"
import { Readers, type UsersApi } from "../../Readers.ts"
import type { Runner } from "../../Runtime.ts"
import { sendResponse } from "../respond.ts"
import { tellWhenStoreDown } from "../storeDown.ts"

export interface CommandArgs {
  readonly command: Pick<SlashCommand, "user_id" | "channel_id" | "text">
  readonly ack: () => Promise<void>
  readonly respond: RespondFn
  readonly client: UsersApi
}

export const cancelOffer = (runner: Runner) => async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
  await ack()
  await runner.answer(
    "cancelOffer",
    Readers.use((readers) => readers.user(command.user_id, client)).pipe(
      Effect.flatMap((reader) =>
        tellWhenStoreDown(
          handleCommand({ userId: command.user_id, channelId: command.channel_id, text: command.text ?? "", reader }).pipe(
            Effect.flatMap((message) => sendResponse(respond, { ...message, response_type: "ephemeral" }))
          ),
          reader,
          (message) => sendResponse(respond, { ...message, response_type: "ephemeral" })
        )
      )
    )
  )
}
