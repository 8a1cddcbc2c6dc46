/**
 * The demo world that `pnpm emulator` and `demo: true` seed: publisher contoso
 * with a VM offer whose publish is in certification (and cancels asynchronously
 * after two polls), an idle SaaS offer, and a service principal for it.
 */
import type { Emulator } from "./Emulator.ts"
import type { World } from "./World.ts"

export const demoPrincipal = {
  tenantId: "00000000-0000-0000-0000-000000000001",
  clientId: "offerops-demo",
  clientSecret: "demo-secret",
  publishers: ["contoso"]
} as const

/** Past validation (10 min) and into certification. */
const demoPublishAgeMs = 60 * 60_000

export const seedDemo = (emulator: Emulator, world: World): void => {
  emulator.addPublisher("contoso")
  emulator.addOffer("contoso", "contoso-vm", {
    cancel: "async",
    cancelCompletesAfter: { polls: 2 },
    displayText: "Contoso Virtual Machine"
  })
  emulator.addOffer("contoso", "contoso-saas", {
    offerTypeId: "microsoft-azure-saas",
    displayText: "Contoso SaaS"
  })
  emulator.addPrincipal({ ...demoPrincipal, publishers: [...demoPrincipal.publishers] })
  const { id } = emulator.startOperation("contoso", "contoso-vm", "publish")
  const op = world.operation(id)
  if (op !== undefined) world.backdate(op, demoPublishAgeMs)
}
