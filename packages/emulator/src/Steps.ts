/**
 * The documented publish pipeline (cpp-api.md §3.5). Step ids and names are the
 * service's; durations are the emulator's choice, inside the documented
 * `estimatedTimeFrame`, so a full publish takes about five and a half virtual days.
 */
export type StepId =
  | "displaydummycertify"
  | "displaycertify"
  | "displayprovision"
  | "displaypackage"
  | "publisher-signoff"
  | "live"

export interface StepPlan {
  readonly id: StepId
  readonly stepName: string
  readonly description: string
  /** Free text as the service sends it; absent on publisher-signoff in the operations sample. */
  readonly estimatedTimeFrame?: string
  readonly durationMs: number
}

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

export const publishSteps: ReadonlyArray<StepPlan> = [
  {
    id: "displaydummycertify",
    stepName: "Validate Pre-Requisites",
    description: "Validates that the offer and its plans are complete.",
    estimatedTimeFrame: "< 15 min",
    durationMs: 10 * minute
  },
  {
    id: "displaycertify",
    stepName: "Certification",
    description: "Microsoft certifies the offer's technical assets.",
    estimatedTimeFrame: "< 5 day",
    durationMs: 2 * day
  },
  {
    id: "displayprovision",
    stepName: "Provisioning",
    description: "The offer is provisioned in the marketplace.",
    estimatedTimeFrame: "< 1 day",
    durationMs: 12 * hour
  },
  {
    id: "displaypackage",
    stepName: "Packaging and Lead Generation Registration",
    description: "Packages the offer and registers lead generation.",
    estimatedTimeFrame: "< 1 hour",
    durationMs: 30 * minute
  },
  {
    id: "publisher-signoff",
    stepName: "Publisher signoff",
    description: "The preview is available; the publisher reviews it before going live.",
    durationMs: 30 * minute
  },
  {
    id: "live",
    stepName: "Live",
    description: "The offer is pushed to production.",
    estimatedTimeFrame: "~2-5 days",
    durationMs: 3 * day
  }
]

export const stepIds: ReadonlyArray<StepId> = publishSteps.map((step) => step.id)

/**
 * The plan an operation walks. A go-live shows the same six steps with the
 * preview steps already complete, so clients read one step list for both kinds.
 */
export const planFor = (
  kind: "publish" | "golive",
  durations: Partial<Record<StepId, number>>
): ReadonlyArray<StepPlan> =>
  publishSteps.map((step) => ({
    ...step,
    durationMs: kind === "golive" && step.id !== "live" ? 0 : durations[step.id] ?? step.durationMs
  }))
