/**
 * A person waits on every command and click, so a listener waits for the database only briefly
 * (`listenerPatience`); when it does not answer, the person is told that nothing was done, instead
 * of the silence of an empty ack.
 */
import type { Translator } from "@offerops/core"
import { Effect } from "effect"
import * as Messages from "../Messages.ts"
import { isStoreOutage, listenerPatience, StorePatience } from "../store/Outage.ts"

export const tellWhenStoreDown = <R>(
  work: Effect.Effect<void, never, R>,
  reader: Translator,
  tell: (message: Messages.SlackMessage) => Effect.Effect<void>
): Effect.Effect<void, never, R> =>
  work.pipe(
    Effect.provideService(StorePatience, listenerPatience),
    Effect.catchDefect((defect) =>
      isStoreOutage(defect)
        ? Effect.logWarning("the database does not answer: told the person that nothing was done").pipe(
          Effect.andThen(tell(Messages.storeDown(reader)))
        )
        : Effect.die(defect)
    )
  )
