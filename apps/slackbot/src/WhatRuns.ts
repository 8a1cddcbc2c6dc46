/**
 * #18: what runs on any reference the core accepts, as the bot shows it: CPP's own read for an offer
 * (`readRunning`, with the operation's detail), the core's `whatRuns` for the other APIs, whose
 * newest is shown in the same fields (type, version, step, since, id, status).
 */
import {
  offerRefOf,
  type Refusal,
  readRunning,
  type Reference,
  referenceText,
  type RunningOperation,
  Submission,
  whatRuns
} from "@offerops/core"
import { Effect, Option } from "effect"

/** What runs, and why the service would refuse its cancel (known before any request), if it would. */
export interface Shown extends RunningOperation {
  readonly refusal?: Refusal | undefined
}

/** The newest operation that runs on `reference`, if any. */
export const readWhatRuns = (reference: Reference, options: { readonly detail?: boolean } = {}) =>
  reference._tag === "Offer"
    ? readRunning(offerRefOf(reference), options)
    : Effect.map(whatRuns(reference), (all): Option.Option<Shown> => {
      const newest = all[0]
      if (newest === undefined) return Option.none()
      const { operation } = newest
      return Option.some({
        submission: new Submission({
          id: operation.id ?? "",
          offerId: referenceText(reference),
          offerVersion: operation.offerVersion,
          submissionType: operation.submissionType,
          submissionState: operation.status,
          changedTime: operation.lastActionDateTime ?? operation.createdDateTime
        }),
        operation,
        location: newest.location,
        refusal: newest.refusal
      })
    })
