/**
 * The offers of each publisher and their versions: creating, configuring and
 * replacing an offer's draft (PUT with If-Match). Operations live elsewhere.
 */
import type { VirtualClock } from "./Clock.ts"
import {
  defaultOfferOptions,
  type Offer,
  type OfferDefinition,
  offerEtag,
  type OfferOptions,
  resolveOfferOptions
} from "./Offer.ts"
import type { Publishers } from "./Publishers.ts"

export type PutOutcome =
  | { readonly _tag: "Created"; readonly offer: Offer }
  | { readonly _tag: "Updated"; readonly offer: Offer }
  /** If-Match named an ETag the offer no longer has (or, for a new offer, any ETag but `*`). */
  | { readonly _tag: "PreconditionFailed" }

/** Marks an offer modified; strictly later than before, so its ETag changes even within one virtual millisecond. */
export const touchOffer = (offer: Offer, now: number): void => {
  offer.modifiedAt = Math.max(now, offer.modifiedAt + 1)
}

export class OfferCatalogue {
  readonly #clock: VirtualClock
  readonly #publishers: Publishers
  readonly #offers = new Map<string, Map<string, Offer>>()

  constructor(clock: VirtualClock, publishers: Publishers) {
    this.#clock = clock
    this.#publishers = publishers
  }

  addOffer(publisherId: string, offerId: string, options: OfferOptions = {}): Offer {
    if (!this.#publishers.hasPublisher(publisherId)) this.#publishers.addPublisher(publisherId)
    let offers = this.#offers.get(publisherId)
    if (offers === undefined) this.#offers.set(publisherId, offers = new Map())
    const existing = offers.get(offerId)
    if (existing !== undefined) return this.#configure(existing, options)
    const resolved = resolveOfferOptions({ ...defaultOfferOptions, displayText: offerId }, options)
    const offer: Offer = {
      publisherId,
      id: offerId,
      createdAt: this.#clock.now(),
      options: resolved,
      version: 1,
      publishingVersion: 0,
      versions: [{ displayText: resolved.displayText, offer: {}, plans: [] }],
      modifiedAt: this.#clock.now()
    }
    offers.set(offerId, offer)
    return offer
  }

  configureOffer(publisherId: string, offerId: string, options: OfferOptions): Offer {
    const offer = this.offer(publisherId, offerId)
    if (offer === undefined) throw new Error(`No offer ${publisherId}/${offerId}`)
    return this.#configure(offer, options)
  }

  #configure(offer: Offer, options: OfferOptions): Offer {
    offer.options = resolveOfferOptions(offer.options, options)
    if (options.displayText !== undefined) offer.versions.push({ ...offer.versions.pop()!, displayText: options.displayText })
    return offer
  }

  /**
   * PUT offer (§2.6, §3.4): `If-Match: *` overwrites; an ETag must be the
   * offer's current one, else nothing changes (412). A new offer is created.
   */
  putOffer(publisherId: string, offerId: string, definition: OfferDefinition, ifMatch: string): PutOutcome {
    const existing = this.offer(publisherId, offerId)
    if (existing === undefined) {
      if (ifMatch !== "*") return { _tag: "PreconditionFailed" }
      const offer = this.addOffer(publisherId, offerId, { displayText: definition.displayText })
      offer.versions.splice(0, 1, definition)
      return { _tag: "Created", offer }
    }
    if (ifMatch !== "*" && ifMatch !== offerEtag(existing)) return { _tag: "PreconditionFailed" }
    existing.versions.splice(existing.versions.length - 1, 1, definition)
    touchOffer(existing, this.#clock.now())
    return { _tag: "Updated", offer: existing }
  }

  offers(publisherId: string): ReadonlyArray<Offer> {
    return [...(this.#offers.get(publisherId)?.values() ?? [])]
  }

  offer(publisherId: string, offerId: string): Offer | undefined {
    return this.#offers.get(publisherId)?.get(offerId)
  }
}
