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

/** The demo's Product Ingestion API product, a SaaS offer with a configure job publishing it to preview. */
export const demoProductIngestion = {
  productId: "product/8d2b4f6a-18e0-4c3d-9b62-d1b8f6b0e002",
  externalId: "contoso-analytics",
  /** Running, still processing its resources (cancellable) for three virtual days. */
  jobId: "b3a1c2d4-18e0-4e5f-8a73-e2c9a7c1f003"
} as const

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
  const op = world.operations.operation(id)
  if (op !== undefined) world.operations.backdate(op, demoPublishAgeMs)
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
  emulator.productIngestion.addProduct({
    id: demoProductIngestion.productId,
    externalId: demoProductIngestion.externalId,
    alias: "Contoso Analytics",
    type: "softwareAsAService",
    account: "contoso"
  })
  emulator.productIngestion.addCompletedSubmission(demoProductIngestion.productId, "live", 30 * 24 * 3_600_000)
  // A long processing phase, so the demo finds it cancellable however fast its time runs.
  emulator.productIngestion.startConfigureJob(demoProductIngestion.productId, {
    jobId: demoProductIngestion.jobId,
    durations: { processingMs: 3 * 24 * 3_600_000 },
    startedAgoMs: 10 * 60_000
  })
}
