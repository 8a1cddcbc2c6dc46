/**
 * The admin API's JSON inputs, decoded with Schema so a bad call from outside
 * the process gets a clear 400 instead of corrupting the emulated world.
 */
import { Schema } from "effect"
import { stepIds } from "./Steps.ts"

const Publishers = Schema.Union([Schema.Literal("*"), Schema.Array(Schema.String)])

const StepId = Schema.Literals(stepIds as readonly ["displaydummycertify", "displaycertify", "displayprovision", "displaypackage", "publisher-signoff", "live"])

export const OfferOptions = Schema.Struct({
  cancel: Schema.optionalKey(Schema.Literals(["sync", "async"])),
  cancelCompletesAfter: Schema.optionalKey(Schema.Struct({
    polls: Schema.optionalKey(Schema.Number),
    ms: Schema.optionalKey(Schema.Number)
  })),
  cancelOutcome: Schema.optionalKey(Schema.Literals(["completed", "failed"])),
  whenIdle: Schema.optionalKey(Schema.Literals(["accepted", "ok", "badRequest", "notFound", "conflict"])),
  locationHeader: Schema.optionalKey(Schema.Literals(["Location", "Operation-Location", "both", "body"])),
  operationLocationForm: Schema.optionalKey(Schema.Literals(["absolute", "relative"])),
  locationStyle: Schema.optionalKey(Schema.Literals(["migrated", "legacy"])),
  operationBody: Schema.optionalKey(Schema.Literals(["object", "array"])),
  statusSpelling: Schema.optionalKey(Schema.Literals(["camel", "pascal", "table"])),
  retryAfterSeconds: Schema.optionalKey(Schema.Number),
  stepDurationsMs: Schema.optionalKey(Schema.Record(StepId, Schema.Number)),
  queuedMs: Schema.optionalKey(Schema.Number),
  failAtStep: Schema.optionalKey(StepId),
  requireIfMatch: Schema.optionalKey(Schema.Boolean),
  strict: Schema.optionalKey(Schema.Boolean),
  offerTypeId: Schema.optionalKey(Schema.String),
  displayText: Schema.optionalKey(Schema.String)
})

export const AddPublisher = Schema.Struct({ publisherId: Schema.String, displayText: Schema.optionalKey(Schema.String) })

export const AddOffer = Schema.Struct({
  publisherId: Schema.String,
  offerId: Schema.String,
  options: Schema.optionalKey(OfferOptions)
})

export const ConfigureOffer = Schema.Struct({
  publisherId: Schema.String,
  offerId: Schema.String,
  options: OfferOptions
})

export const AddPrincipal = Schema.Struct({
  tenantId: Schema.String,
  clientId: Schema.String,
  clientSecret: Schema.String,
  publishers: Publishers
})

export const IssueToken = Schema.Struct({
  publishers: Schema.optionalKey(Publishers),
  ttlSeconds: Schema.optionalKey(Schema.Number),
  audience: Schema.optionalKey(Schema.Literals(["https://cloudpartner.azure.com", "https://api.partner.microsoft.com", "https://graph.microsoft.com"]))
})

export const StartOperation = Schema.Struct({
  publisherId: Schema.String,
  offerId: Schema.String,
  kind: Schema.optionalKey(Schema.Literals(["publish", "golive"]))
})

export const Advance = Schema.Struct({ ms: Schema.Number })

export const FaultRule = Schema.Struct({
  route: Schema.optionalKey(Schema.String),
  method: Schema.optionalKey(Schema.String),
  kind: Schema.Literals(["latency", "status", "reset", "reset-after", "truncate", "malformed", "slow-body", "hang", "huge-body"]),
  status: Schema.optionalKey(Schema.Number),
  retryAfter: Schema.optionalKey(Schema.Union([
    Schema.Struct({ date: Schema.Literal(true), seconds: Schema.Number }),
    Schema.Struct({ seconds: Schema.Number })
  ])),
  latencyMs: Schema.optionalKey(Schema.Number),
  bytes: Schema.optionalKey(Schema.Number),
  times: Schema.optionalKey(Schema.Number),
  probability: Schema.optionalKey(Schema.Number)
})

export const Settings = Schema.Struct({ strict: Schema.optionalKey(Schema.Boolean) })

// #18: Partner Center's ingestion API v1.0 and the Product Ingestion API.

export const AddPartnerCenterProduct = Schema.Struct({
  id: Schema.optionalKey(Schema.String),
  externalId: Schema.String,
  name: Schema.optionalKey(Schema.String),
  resourceType: Schema.optionalKey(Schema.String),
  account: Schema.optionalKey(Schema.String)
})

const Ms = Schema.Number

export const StartSubmission = Schema.Struct({
  /** The product's id, or the offer id it lists as an external id. */
  product: Schema.String,
  id: Schema.optionalKey(Schema.String),
  isAutoPromote: Schema.optionalKey(Schema.Boolean),
  failInCertification: Schema.optionalKey(Schema.Boolean),
  startedAgoMs: Schema.optionalKey(Ms),
  durationsMs: Schema.optionalKey(Schema.Struct({
    "Automated validation": Schema.optionalKey(Ms),
    Certification: Schema.optionalKey(Ms),
    "Preview Creation": Schema.optionalKey(Ms),
    Publish: Schema.optionalKey(Ms)
  }))
})

export const IngestionVariants = Schema.Struct({
  nextLinkKey: Schema.optionalKey(Schema.Literals(["@odata.nextLink", "nextLink", "nextlink"])),
  nextLinkForm: Schema.optionalKey(Schema.Literals(["absolute", "relative"])),
  pageSize: Schema.optionalKey(Schema.Number),
  errorBody: Schema.optionalKey(Schema.Literals(["string", "problemDetails"])),
  deleteRefusal: Schema.optionalKey(Schema.Literals([400, 409])),
  workflowDetails: Schema.optionalKey(Schema.Literals(["collection", "array"])),
  externalIdsKey: Schema.optionalKey(Schema.Literals(["externalIds", "externalIDs"])),
  requirePublisherIdHeader: Schema.optionalKey(Schema.Boolean)
})

export const AddPiaProduct = Schema.Struct({
  id: Schema.optionalKey(Schema.String),
  externalId: Schema.String,
  alias: Schema.optionalKey(Schema.String),
  type: Schema.optionalKey(Schema.String),
  account: Schema.optionalKey(Schema.String)
})

export const StartConfigureJob = Schema.Struct({
  /** The product's durable id `product/<guid>`, or its external id. */
  product: Schema.String,
  jobId: Schema.optionalKey(Schema.String),
  target: Schema.optionalKey(Schema.Literals(["preview", "live", "none"])),
  startedAgoMs: Schema.optionalKey(Ms),
  durations: Schema.optionalKey(Schema.Struct({
    queuedMs: Schema.optionalKey(Ms),
    processingMs: Schema.optionalKey(Ms),
    publishingMs: Schema.optionalKey(Ms),
    submissionMs: Schema.optionalKey(Ms)
  }))
})

export const ProductIngestionVariants = Schema.Struct({
  jobIdKey: Schema.optionalKey(Schema.Literals(["jobId", "jobID"])),
  cancelStatus: Schema.optionalKey(Schema.Literals([200, 202])),
  cancelSettlesAfterPolls: Schema.optionalKey(Schema.Number),
  statusRetryAfterSeconds: Schema.optionalKey(Schema.Number)
})
