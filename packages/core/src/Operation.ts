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

const namedEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: "\"",
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”"
}

const decodeEntity = (entity: string, body: string): string => {
  if (!body.startsWith("#")) return namedEntities[body.toLowerCase()] ?? entity
  const code = /^#x/i.test(body) ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
}

// Tags that start a new line when a browser lays the fragment out.
const blockTag = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr)\b[^>]*>/gi

/**
 * A message as plain text: the service sends HTML fragments, which a terminal or Slack should not
 * show raw. Block tags become line breaks (a list item starts with "• "), other tags go, and named
 * and numeric entities (`&amp;`, `&#39;`, `&#x27;`) are decoded after the tags are gone, so an
 * escaped `&lt;b&gt;` stays visible text.
 */
export const messageText = (message: Message): string =>
  (message.messageHtml ?? "")
    // In HTML a line break in the source is only a space; layout comes from the tags.
    .replace(/\s+/g, " ")
    .replace(/<li\b[^>]*>/gi, "\n• ")
    .replace(blockTag, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((line) => line !== "" && line !== "•")
    .join("\n")

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
