/**
 * The publishers the emulated service knows, as `GET /api/publishers` lists them:
 * each with a display name and a stable seller id.
 */

/** A publisher as `GET /api/publishers` returns it ([3rd-party] devigned/pub reads `definition`). */
export interface Publisher {
  readonly id: string
  readonly displayText: string
  readonly sellerId: number
}

export class Publishers {
  readonly #details = new Map<string, Publisher>()

  addPublisher(publisherId: string, details: { readonly displayText?: string } = {}): void {
    const known = this.#details.get(publisherId)
    this.#details.set(publisherId, {
      id: publisherId,
      displayText: details.displayText ?? known?.displayText ?? publisherId,
      // A stable number per publisher, like the seller ids of Partner Center accounts.
      sellerId: known?.sellerId ?? 100_000 + this.#details.size
    })
  }

  publisher(publisherId: string): Publisher | undefined {
    return this.#details.get(publisherId)
  }

  publisherIds(): ReadonlyArray<string> {
    return [...this.#details.keys()]
  }

  hasPublisher(publisherId: string): boolean {
    return this.#details.has(publisherId)
  }
}
