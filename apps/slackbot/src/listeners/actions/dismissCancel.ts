/** The Dismiss button: forgets the confirmation, nothing is cancelled. */
import { dismissCancel as dismiss } from "../../CancelOffer.ts"
import type { BotRuntime } from "../../Runtime.ts"
import { buttonListener } from "./buttonClick.ts"

export const dismissCancel = (runtime: BotRuntime) => buttonListener(runtime, "dismissCancel", dismiss)
