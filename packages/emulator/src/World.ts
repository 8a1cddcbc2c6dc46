/**
 * Everything the emulated service knows, in three parts: its publishers, their
 * offers with versions, and the course of the operations run on those offers.
 */
import type { VirtualClock } from "./Clock.ts"
import { OfferCatalogue } from "./OfferCatalogue.ts"
import { OperationCourse } from "./OperationCourse.ts"
import { Publishers } from "./Publishers.ts"

export class World {
  readonly publishers = new Publishers()
  readonly catalogue: OfferCatalogue
  readonly operations: OperationCourse

  constructor(clock: VirtualClock) {
    this.catalogue = new OfferCatalogue(clock, this.publishers)
    this.operations = new OperationCourse(clock)
  }
}
