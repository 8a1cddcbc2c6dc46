/**
 * The services every listener needs, held by one ManagedRuntime for the life of the bot. Listeners
 * run their Effect programs through a Runner, which logs failures (never throwing into Bolt) and
 * lets a stopping bot wait, within a bound, for cancels still being followed.
 */
import type { Backends, CppClient } from "@offerops/core"
import { Cause, Effect, Exit, type ManagedRuntime, Semaphore } from "effect"
import type { WorkflowEngine } from "effect/workflow"
import type { CancelPolicy } from "./Policy.ts"
import type { Readers } from "./Readers.ts"
import type { AuditLog } from "./store/AuditLog.ts"
import type { Confirmations } from "./store/Confirmations.ts"
import type { OfferHolds } from "./store/OfferHolds.ts"
import type { Subscriptions } from "./store/Subscriptions.ts"
import type { ChannelSlack } from "./watch/ChannelSlack.ts"

export type BotServices =
  | CppClient
  | Backends
  | Confirmations
  | OfferHolds
  | AuditLog
  | CancelPolicy
  | Readers
  | WorkflowEngine.WorkflowEngine
  | Subscriptions
  | ChannelSlack

export type BotRuntime = ManagedRuntime.ManagedRuntime<BotServices, unknown>

export interface Runner {
  /** Runs a listener's work to its end, starting after the current event-loop turn; failures are logged, not rethrown. */
  run(name: string, work: Effect.Effect<void, never, BotServices>): Promise<void>
  /**
   * Like `run`, for a short answer (read, then reply): at most `maxAnswers` run at once and the
   * rest wait their turn, so a burst of commands cannot crowd out the acks of the next ones.
   */
  answer(name: string, work: Effect.Effect<void, never, BotServices>): Promise<void>
  /** Waits for running work, at most `millis`; true when none is left. */
  drain(millis: number): Promise<boolean>
}

export interface RunnerOptions {
  /** Answers worked on at once; Slack gives 30 minutes for the reply but 3 s for the ack. Default 4. */
  readonly maxAnswers?: number
}

export const makeRunner = (runtime: BotRuntime, options: RunnerOptions = {}): Runner => {
  const running = new Set<Promise<void>>()
  const answers = Semaphore.makeUnsafe(options.maxAnswers ?? 4)

  const run = (name: string, work: Effect.Effect<void, never, BotServices>, queue = (traced: typeof work) => traced) => {
    // Start on the next turn of the event loop: Node writes the ack's response on a later tick
    // (the socket is corked), and the requests already read in this turn get acked first too.
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      runtime.runPromiseExit(queue(work.pipe(Effect.withSpan(name))))
    ).then((exit) => {
      if (Exit.isFailure(exit)) {
        console.error(
          Cause.hasInterruptsOnly(exit.cause)
            ? `${name}: stopped because the bot is shutting down`
            : `${name} failed: ${Cause.pretty(exit.cause)}`
        )
      }
    })
    running.add(done)
    return done.finally(() => running.delete(done))
  }

  return {
    run: (name, work) => run(name, work),
    answer: (name, work) => run(name, work, answers.withPermit),
    drain: async (millis) => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), millis)))
      const all = Promise.all(running).then(() => true)
      return Promise.race([all, timeout]).finally(() => clearTimeout(timer))
    }
  }
}
