/** The Dismiss button: forgets the confirmation, nothing is cancelled. */
import { dismissCancel as dismiss } from "../../CancelOffer.ts"
import type { Runner } from "../../Runtime.ts"
import { buttonListener } from "./buttonClick.ts"

export const dismissCancel = (runner: Runner) => buttonListener(runner, "dismissCancel", dismiss)
