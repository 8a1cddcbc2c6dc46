/**
 * What the API returns about operations: the submissions list and one operation's detail with its
 * steps. Decoding is tolerant — extra fields are ignored, optional fields may be missing, and the
 * detail may arrive as an object or a one-element array — because the docs disagree on all three.
 * Statuses keep the service's own text; `state` gives the normalised value.
 */
import { Schema, SchemaTransformation } from "effect"
import { operationStatus, type OperationStatus, stepStatus, type StepStatus } from "./OperationStatus.ts"

const Text = Schema.optional(Schema.String)
const Count = Schema.optional(Schema.Number)

export const Message = Schema.Struct({
  messageHtml: Text,
  level: Text,
  timestamp: Text
})
export type Message = typeof Message.Type

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " }

/** A message as plain text: the service sends HTML fragments, which a terminal or Slack should not show raw. */
export const messageText = (message: Message): string =>
  (message.messageHtml ?? "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? "")
    .trim()

// The newest ops table calls step messages "array of strings"; the samples send objects.
const Messages = Schema.optional(
  Schema.Array(Schema.Union([
    Message,
    Schema.String.pipe(
      Schema.decodeTo(
        Message,
        SchemaTransformation.transform({
          decode: (messageHtml: string): Message => ({ messageHtml }),
          encode: (message: Message) => message.messageHtml ?? ""
        })
      )
    )
  ]))
)

export class Step extends Schema.Class<Step>("@offerops/core/Step")({
  id: Text,
  stepName: Text,
  description: Text,
  status: Schema.String,
  estimatedTimeFrame: Text,
  progressPercentage: Count,
  messages: Messages
}) {
  get state(): StepStatus {
    return stepStatus(this.status)
  }
}

export class Operation extends Schema.Class<Operation>("@offerops/core/Operation")({
  id: Text,
  status: Schema.String,
  submissionType: Text,
  publishingVersion: Count,
  offerVersion: Count,
  cancellationRequestState: Text,
  createdDateTime: Text,
  lastActionDateTime: Text,
  error: Schema.optional(Schema.Unknown),
  messages: Messages,
  steps: Schema.optional(Schema.Array(Step))
}) {
  get state(): OperationStatus {
    return operationStatus(this.status)
  }

  /** The step being worked on: the first that is neither done nor waiting to start. */
  get currentStep(): Step | undefined {
    const steps = this.steps ?? []
    return steps.find((step) => !["complete", "notStarted", "canceled"].includes(step.state)) ??
      steps.find((step) => step.state === "notStarted")
  }
}

/** GET operation: the table describes an object, the sample a one-element array. */
export const OperationBody = Schema.Union([Operation, Schema.Tuple([Operation])])

export const operationFromBody = (body: typeof OperationBody.Type): Operation => body instanceof Operation ? body : body[0]

export class Submission extends Schema.Class<Submission>("@offerops/core/Submission")({
  id: Schema.String,
  offerId: Text,
  offerVersion: Count,
  offerTypeId: Text,
  publisherId: Text,
  submissionType: Text,
  submissionState: Schema.String,
  publishingVersion: Count,
  slot: Text,
  // An int64 tick count: beyond JSON's safe integers, so never relied upon.
  version: Schema.optional(Schema.Union([Schema.Number, Schema.String])),
  changedTime: Text
}) {
  get state(): OperationStatus {
    return operationStatus(this.submissionState)
  }
}

export const Submissions = Schema.Array(Submission)
