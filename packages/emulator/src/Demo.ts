/**
 * The demo world that `pnpm emulator` and `demo: true` seed: publisher contoso
 * with a VM offer whose publish is in certification (and cancels asynchronously
 * after two polls), an idle SaaS offer, and a service principal for it; on
 * Partner Center's ingestion API v1.0 an Azure Application product with a
 * submission in certification (and an earlier one published); on the Product
 * Ingestion API a SaaS product with a configure job running. The ids are fixed,
 * so the demo and tests can name them.
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

/** The demo's Partner Center (ingestion API v1.0) product, an Azure Application offer. */
export const demoPartnerCenter = {
  productId: "6f1c3e0a-18e0-4c2b-9a51-c0a7e5a9d001",
  offerId: "contoso-app",
  /** In progress, in certification (substate Submitted): cancellable by DELETE. */
  submissionId: "1152921505695125040",
  /** Published a month ago. */
  publishedSubmissionId: "1152921505695125039"
} as const

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
  emulator.partnerCenter.addProduct({
    id: demoPartnerCenter.productId,
    externalId: demoPartnerCenter.offerId,
    name: "Contoso Managed App",
    resourceType: "AzureApplication",
    account: "contoso"
  })
  emulator.partnerCenter.startSubmission(demoPartnerCenter.productId, {
    id: demoPartnerCenter.publishedSubmissionId,
    isAutoPromote: true,
    startedAgoMs: 30 * 24 * 3_600_000
  })
  emulator.partnerCenter.startSubmission(demoPartnerCenter.productId, {
    id: demoPartnerCenter.submissionId,
    startedAgoMs: demoPublishAgeMs
  })
}
