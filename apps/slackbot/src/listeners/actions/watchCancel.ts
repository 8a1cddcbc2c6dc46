/**
 * `Cancel…` on a watching channel's message: ack at once, then show the person who clicked the usual
 * confirmation of what runs on the offer (only they see it), exactly as `/cancel-offer <offer>` would.
 */
import { Effect } from "effect"
import { handleCommand } from "../../CancelOffer.ts"
import { Readers } from "../../Readers.ts"
import type { Runner } from "../../Runtime.ts"
import { sendResponse } from "../respond.ts"
import type { ButtonArgs } from "./buttonClick.ts"

export const watchCancel = (runner: Runner) => async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
  await ack()
  const container = body.container?.channel_id
  const channelId = body.channel?.id ?? (typeof container === "string" ? container : "")
  // The button carries an offer; only its first word is used, so a forged value is at most another offer.
  const offer = (action.value ?? "").trim().split(/\s+/)[0] ?? ""
  await runner.answer(
    "watchCancel",
    Readers.use((readers) => readers.user(body.user.id, client)).pipe(
      Effect.flatMap((reader) => handleCommand({ userId: body.user.id, channelId, text: offer, reader })),
      // Ephemeral, and not replacing the channel's message the button is on.
      Effect.flatMap((message) => sendResponse(respond, { ...message, response_type: "ephemeral", replace_original: false }))
    )
  )
}
