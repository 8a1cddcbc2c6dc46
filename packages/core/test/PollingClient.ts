/** A CppClient for wait tests: only `pollOperation` answers, from the test's own function. */
import { Effect, Layer } from "effect"
import { CppClient, type OperationPoll } from "../src/CppClient.ts"

export const pollingClient = (poll: (location: string) => Effect.Effect<OperationPoll>): Layer.Layer<CppClient> =>
  Layer.succeed(
    CppClient,
    CppClient.of({
      listSubmissions: () => Effect.die("listSubmissions is not part of this test"),
      getOperation: () => Effect.die("getOperation is not part of this test"),
      cancelOffer: () => Effect.die("cancelOffer is not part of this test"),
      resolveLocation: Effect.succeed,
      pollOperation: poll
    })
  )
