/** The Confirm button: acked at once; the cancel and its progress run after. */
import { confirmCancel as confirm } from "../../CancelOffer.ts"
import type { BotRuntime } from "../../Runtime.ts"
import { buttonListener } from "./buttonClick.ts"

export const confirmCancel = (runtime: BotRuntime) => buttonListener(runtime, "confirmCancel", confirm)
