/**
 * How the ingestion API renders products, submissions and workflow details as JSON (the Swagger's
 * BaseProduct/AzureProduct, Submission and WorkflowDetail schemas, with the fields the notes list).
 */
import type { StepView, Submission, SubmissionView, WorkflowView } from "./Submission.ts"
import type { IngestionVariants } from "./Variants.ts"
import type { Product } from "./World.ts"

const iso = (ms: number): string => new Date(ms).toISOString()

/** `publishedTimeInUtc` while unpublished: the Windows file-time epoch, as the service sends it. */
const neverPublished = "1601-01-01T00:00:00Z"

/** A time a step or workflow has not reached yet [?]: .NET's default DateTime. */
const notYet = "0001-01-01T00:00:00"

export const productBody = (product: Product, variants: IngestionVariants) => ({
  resourceType: product.resourceType,
  name: product.name,
  [variants.externalIdsKey]: product.externalIds.map((e) => ({ type: e.type, value: e.value })),
  isModularPublishing: true,
  id: product.id
})

/** One submission; `publishOption` only with `$expand=PublishOption`, as the Swagger says. */
export const submissionBody = (submission: Submission, view: SubmissionView, expandPublishOption: boolean) => ({
  resourceType: "Submission",
  state: view.state,
  substate: view.substate,
  targets: [{ type: "Scope", value: view.target }],
  resources: [],
  variantResources: [],
  ...(expandPublishOption
    ? {
      publishOption: {
        releaseTimeInUtc: null,
        isManualPublish: !submission.isAutoPromote,
        isAutoPromote: submission.isAutoPromote,
        certificationNotes: ""
      }
    }
    : {}),
  publishedTimeInUtc: view.publishedAt === undefined ? neverPublished : iso(view.publishedAt),
  pendingUpdateInfo: {
    updateType: "Create",
    status: view.state === "InProgress" ? "Running" : "Completed",
    href: `products/${submission.productId}/submissions/${submission.id}`,
    ...(view.substate === "FailedInCertification" ? { failureReason: "The submission failed certification." } : {})
  },
  releaseNumber: submission.releaseNumber,
  friendlyName: `Submission ${submission.releaseNumber}`,
  areResourcesReady: true,
  id: submission.id
})

const stepBody = (step: StepView) => ({
  name: step.name,
  state: step.state,
  startDateTimeInUtc: step.startedAt === undefined ? notYet : iso(step.startedAt),
  completeDateTimeInUtc: step.completedAt === undefined ? notYet : iso(step.completedAt)
})

export const workflowBody = (workflow: WorkflowView) => ({
  type: "Push",
  state: workflow.state,
  targetEnvironment: workflow.targetEnvironment,
  workflowSteps: workflow.steps.map(stepBody),
  startDateTimeInUtc: workflow.startedAt === undefined ? notYet : iso(workflow.startedAt),
  completeDateTimeInUtc: workflow.completedAt === undefined ? notYet : iso(workflow.completedAt)
})

/** Certification reports: one, pending until certification ends, then passed or failed. */
export const reportBodies = (view: SubmissionView) => {
  const certification = view.workflows[0]?.steps.find((s) => s.name === "Certification")
  if (certification === undefined || certification.startedAt === undefined) return []
  const status = certification.state === "Completed" ? "Passed" : certification.state === "Failed" ? "Failed" : "Pending"
  return [{ reportTimeInUtc: iso(certification.completedAt ?? certification.startedAt), status, fileUri: "" }]
}
