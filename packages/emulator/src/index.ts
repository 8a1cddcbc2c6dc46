/**
 * @offerops/emulator: a local Cloud Partner Portal API over real sockets.
 * `startEmulator` for Promise code, `makeEmulator` / `CppEmulator.layer` for
 * Effect code; both run the same implementation.
 */
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { type Emulator, type EmulatorOptions, makeEmulator } from "./Emulator.ts"

export type { Principal, PublisherAccess } from "./Auth.ts"
export type { Emulator, EmulatorOptions } from "./Emulator.ts"
export type { OperationSnapshot } from "./OperationSnapshot.ts"
export { makeEmulator } from "./Emulator.ts"
export { adminTokenHeader } from "./AdminGate.ts"
export type { FaultKind, FaultRule, RetryAfter } from "./Faults.ts"
export type { OfferOptions, WhenIdle } from "./Offer.ts"
export type { OperationKind, OperationStatus, StepStatus } from "./Operation.ts"
export type { RequestLogEntry } from "./RequestLog.ts"
export type { StepId } from "./Steps.ts"
export { publishSteps } from "./Steps.ts"
export { demoPartnerCenter, demoPrincipal, demoProductIngestion } from "./Demo.ts"
export { cppResource, graphResource, partnerCenterResource } from "./Auth.ts"
export type { Audience } from "./Auth.ts"
export type { PartnerCenterControls, SubmissionSnapshot } from "./ingestion/Controls.ts"
export type { IngestionVariants } from "./ingestion/Variants.ts"
export type { JobSnapshot, ProductIngestionControls, StartConfigureJob } from "./productIngestion/Controls.ts"
export type { ProductIngestionVariants } from "./productIngestion/Variants.ts"
export { apiVersion } from "./Location.ts"
export { endless, type Handler, type Hostile, startHostile } from "./HostileServer.ts"
export { type ConnectProxy, startConnectProxy } from "./ConnectProxy.ts"

/** Starts an emulator on 127.0.0.1; call `close()` when done. */
export const startEmulator = async (options?: EmulatorOptions): Promise<Emulator> => {
  const scope = Scope.makeUnsafe()
  try {
    return await Effect.runPromise(Scope.provide(makeEmulator(options), scope))
  } catch (error) {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    throw error
  }
}

/** The emulator as an Effect service, for `layer(CppEmulator.layer)` in @effect/vitest. */
export class CppEmulator extends Context.Service<CppEmulator, Emulator>()("@offerops/emulator/CppEmulator") {
  static readonly layer: Layer.Layer<CppEmulator> = Layer.effect(CppEmulator, Effect.orDie(makeEmulator()))
  static readonly layerWith = (options: EmulatorOptions): Layer.Layer<CppEmulator> =>
    Layer.effect(CppEmulator, Effect.orDie(makeEmulator(options)))
}
