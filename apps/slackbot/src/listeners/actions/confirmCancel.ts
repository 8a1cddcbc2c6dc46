/** The Confirm button: acked at once; the cancel and its progress run after. */
import { confirmCancel as confirm } from "../../CancelOffer.ts"
import type { Runner } from "../../Runtime.ts"
import { buttonListener } from "./buttonClick.ts"

export const confirmCancel = (runner: Runner) => buttonListener(runner, "confirmCancel", confirm)
