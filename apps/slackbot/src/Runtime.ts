/**
 * The services every listener needs, held by one ManagedRuntime for the life of the bot. Listeners
 * run their Effect programs through it; a failure is logged here, never thrown into Bolt.
 */
import type { CppClient } from "@offerops/core"
import { Cause, Effect, type ManagedRuntime } from "effect"
import type { ConfirmationStore } from "./ConfirmationStore.ts"
import type { CancelPolicy } from "./Policy.ts"

export type BotServices = CppClient | ConfirmationStore | CancelPolicy

export type BotRuntime = ManagedRuntime.ManagedRuntime<BotServices, unknown>

/** Runs a listener's work to its end; defects and interruptions are logged, not rethrown. */
export const runListenerWork = (runtime: BotRuntime, name: string, work: Effect.Effect<void, never, BotServices>) =>
  runtime.runPromise(
    work.pipe(
      Effect.catchCause((cause) => Effect.logError(`${name} failed`, Cause.pretty(cause))),
      Effect.withSpan(name)
    )
  ).catch((error: unknown) => {
    // Only reachable when the runtime itself could not be built.
    console.error(`${name}: the bot's services are unavailable`, error)
  })
