/**
 * The Cloud Partner Portal API as the story's Backend, over CppClient: what runs is the offer's
 * running submission with its operation, a cancel is the offer's cancel POST.
 */
import { Effect, Option } from "effect"
import type { BackendService, Running } from "./Backend.ts"
import { readRunning } from "./Cancellation.ts"
import { cancelEvidence } from "./CancelRequest.ts"
import { CppClient } from "./CppClient.ts"
import { InvalidInput } from "./CppError.ts"
import { Operation } from "./Operation.ts"
import { offerRefOf, type Reference } from "./Reference.ts"

export const cppBackend = Effect.gen(function*() {
  const client = yield* CppClient
  const context = yield* Effect.context<CppClient>()

  const running = (reference: Reference) =>
    Effect.gen(function*() {
      if (reference._tag !== "Offer") {
        return yield* new InvalidInput({ message: `${reference._tag} is not a Cloud Partner Portal offer: write <publisherId>/<offerId>` })
      }
      const found = yield* readRunning(offerRefOf(reference))
      return Option.match(found, {
        onNone: (): ReadonlyArray<Running> => [],
        onSome: (run) => [{
          reference,
          operation: run.operation ?? new Operation({ id: run.submission.id, status: run.submission.submissionState, submissionType: run.submission.submissionType }),
          location: run.location,
          refusal: undefined
        }]
      })
    }).pipe(Effect.provideContext(context))

  return {
    api: "cpp",
    running,
    owns: (location) => Effect.runSync(Effect.match(client.resolveLocation(location), { onFailure: () => false, onSuccess: () => true })),
    resolveLocation: client.resolveLocation,
    pollOperation: client.pollOperation,
    cancel: (target) =>
      target.reference._tag === "Offer"
        ? client.cancelOffer(offerRefOf(target.reference))
        : Effect.fail(new InvalidInput({ message: "not a Cloud Partner Portal offer" })),
    cancelEvidence,
    // 409: a cancel the service will not take now; its 400 is a mistake in the request.
    refusalStatuses: [409]
  } satisfies BackendService
})
