/**
 * Who may cancel operations on what: the `OFFEROPS_POLICY_FILE` JSON, deny by default. A rule
 * matches when the person is one of its users or acts from one of its channels, and what is named
 * is granted: a CPP offer by its publisher in `publishers`, a Partner Center product (`product:<id>`,
 * `pia:<id>`) by its id in `products`; `*` in `products` is the whole Partner Center account (every
 * product, and every Product Ingestion job, which names no product). Only Slack IDs count: display
 * names can be changed by their owner.
 */
import { Reference, referenceText } from "@offerops/core"
import { Context, Duration, Effect, Layer, Ref, Schema } from "effect"
import { readFile, stat } from "node:fs/promises"

const slackId = (what: string, pattern: RegExp, example: string) =>
  Schema.String.check(
    Schema.makeFilter((s: string) =>
      pattern.test(s)
        ? true
        : `${JSON.stringify(s.slice(0, 80))} is not a Slack ${what} ID (like ${example}); names are not accepted`
    )
  )

const UserId = slackId("user", /^[UW][A-Z0-9]{2,20}$/, "U012AB3CD")
const ChannelId = slackId("channel", /^[CGD][A-Z0-9]{2,20}$/, "C012AB3CD")
const PublisherId = Schema.String.check(
  Schema.makeFilter((s: string) => s.length > 0 && s.length <= 256 && !/[\s/]/.test(s) ? true : `bad publisher ${JSON.stringify(s.slice(0, 80))}`)
)

export const Rule = Schema.Struct({
  users: Schema.optional(Schema.Array(UserId)),
  channels: Schema.optional(Schema.Array(ChannelId)),
  /** CPP publishers (`*`: every one). */
  publishers: Schema.optional(Schema.Array(PublisherId)),
  /** #18: Partner Center products by id or external id, as in `product:<id>`/`pia:<id>` (`*`: the whole account). */
  products: Schema.optional(Schema.Array(PublisherId))
}).check(Schema.makeFilter((rule) =>
  rule.publishers !== undefined || rule.products !== undefined ? true : "a rule grants nothing without `publishers` or `products`"
))
export type Rule = typeof Rule.Type

export const PolicyDocument = Schema.Struct({ allow: Schema.Array(Rule) })
export type PolicyDocument = typeof PolicyDocument.Type

/** A loaded policy, or none configured: then nobody may cancel. */
export type Policy =
  | { readonly _tag: "Configured"; readonly source: string; readonly document: PolicyDocument }
  | { readonly _tag: "Missing" }

export interface Actor {
  readonly userId: string
  readonly channelId: string
  /** What is named, as the policy matches it (`Reference` in the core). */
  readonly reference: Reference
}

/** Whether a rule grants what `reference` names. */
const grants = (rule: Rule, reference: Reference): boolean => {
  const publishers = rule.publishers ?? []
  const products = rule.products ?? []
  return Reference.match(reference, {
    Offer: (offer) => publishers.includes("*") || publishers.includes(offer.publisherId),
    Product: (product) => products.includes("*") || products.includes(product.id),
    PiaProduct: (product) => products.includes("*") || products.includes(product.id),
    Job: () => products.includes("*")
  })
}

export type Decision =
  | { readonly allowed: true; readonly rule: number }
  | { readonly allowed: false; readonly reason: "no-policy" | "no-rule" }

export const mayCancel = (policy: Policy, actor: Actor): Decision => {
  if (policy._tag === "Missing") return { allowed: false, reason: "no-policy" }
  const rule = policy.document.allow.findIndex((rule) =>
    ((rule.users ?? []).includes(actor.userId) || (rule.channels ?? []).includes(actor.channelId)) && grants(rule, actor.reference)
  )
  return rule === -1 ? { allowed: false, reason: "no-rule" } : { allowed: true, rule }
}

export class PolicyError extends Schema.TaggedError<PolicyError>()("PolicyError", {
  source: Schema.String,
  message: Schema.String
}) {}

const decodePolicy = Schema.decodeUnknownEffect(Schema.fromJsonString(PolicyDocument))

/** Checks the text of a policy file; the error names the first problem. */
export const parsePolicy = (source: string, text: string): Effect.Effect<Policy, PolicyError> =>
  decodePolicy(text).pipe(
    Effect.map((document): Policy => ({ _tag: "Configured", source, document })),
    Effect.mapError((error) => new PolicyError({ source, message: error.message }))
  )

/** Reads the policy named by `OFFEROPS_POLICY_FILE`; no path means no policy (deny everything). */
export const loadPolicy = (path: string | undefined): Effect.Effect<Policy, PolicyError> =>
  path === undefined || path.trim() === ""
    ? Effect.succeed({ _tag: "Missing" })
    : Effect.tryPromise({
      try: () => readFile(path, "utf8"),
      catch: (error) => new PolicyError({ source: path, message: `cannot read the policy file: ${String(error)}` })
    }).pipe(Effect.flatMap((text) => parsePolicy(path, text)))

/** The policy the running bot enforces: the file's latest good version. */
export class CancelPolicy extends Context.Service<CancelPolicy, {
  readonly current: Effect.Effect<Policy>
}>()("@offerops/slackbot/CancelPolicy") {
  static readonly layer = (policy: Policy): Layer.Layer<CancelPolicy> =>
    Layer.succeed(CancelPolicy, CancelPolicy.of({ current: Effect.succeed(policy) }))

  /**
   * Starts from `initial` and re-reads its file when its size or modification time changes (checked
   * every `every`), so revoking someone needs no restart. A new file that cannot be parsed is logged
   * as an error and the last good policy stays in force; a file deleted or emptied revokes everyone
   * (deny by default), said loudly, until a good one is back.
   */
  static readonly layerWatching = (initial: Policy, every: Duration.Input = Duration.seconds(2)): Layer.Layer<CancelPolicy> =>
    initial._tag === "Missing" ? CancelPolicy.layer(initial) : Layer.effect(
      CancelPolicy,
      Effect.gen(function*() {
        const path = initial.source
        const current = yield* Ref.make<Policy>(initial)
        const version = Effect.tryPromise(() => stat(path)).pipe(
          Effect.map((info) => `${info.size}:${info.mtimeMs}`),
          Effect.catch((error) =>
            Effect.succeed((error.cause as { readonly code?: unknown } | undefined)?.code === "ENOENT" ? "deleted" : "unreadable")
          )
        )
        const revoke = (what: "deleted" | "emptied") =>
          Ref.set(current, { _tag: "Missing" }).pipe(
            Effect.andThen(Effect.logError(`POLICY ${path} WAS ${what.toUpperCase()}: every cancel is refused until a policy is back (deny by default)`))
          )
        let seen = yield* version
        const check = Effect.gen(function*() {
          const now = yield* version
          if (now === seen) return
          seen = now
          if (now === "deleted") return yield* revoke("deleted")
          const text = yield* Effect.tryPromise(() => readFile(path, "utf8")).pipe(Effect.orElseSucceed(() => undefined))
          if (text !== undefined && text.trim() === "") return yield* revoke("emptied")
          yield* loadPolicy(path).pipe(
            Effect.flatMap((policy) => Ref.set(current, policy).pipe(Effect.andThen(Effect.logInfo(`policy ${path} reloaded`)))),
            Effect.catch((error) => Effect.logError(`policy ${path} not reloaded, the last good one stays: ${error.message}`))
          )
        })
        yield* Effect.sleep(every).pipe(Effect.andThen(check), Effect.forever, Effect.forkScoped)
        return CancelPolicy.of({ current: Ref.get(current) })
      })
    )
}

/** No policy file is configured, so nobody may cancel. */
export class NoPolicy extends Schema.TaggedError<NoPolicy>()("NoPolicy", {}) {}

/** No rule lets this person, from this channel, act on this publisher (CPP) or product. */
export class NotAllowed extends Schema.TaggedError<NotAllowed>()("NotAllowed", {
  userId: Schema.String,
  channelId: Schema.String,
  /** The publisher of a CPP offer, or the reference as typed for the other APIs. */
  publisherId: Schema.String,
  /** #18: for the other APIs, what a rule's `products` must list to grant it (`*` for a job, which names no product). */
  product: Schema.optional(Schema.String)
}) {}

/** What the refusal names: the publisher of an offer, else the reference and the product to grant. */
const grantedBy = (reference: Reference) =>
  Reference.match(reference, {
    Offer: (offer) => ({ publisherId: offer.publisherId }),
    Product: (product) => ({ publisherId: referenceText(reference), product: product.id }),
    PiaProduct: (product) => ({ publisherId: referenceText(reference), product: product.id }),
    Job: () => ({ publisherId: referenceText(reference), product: "*" })
  })

/** Fails unless the running bot's policy lets `actor` cancel. */
export const authorize = (actor: Actor): Effect.Effect<void, NoPolicy | NotAllowed, CancelPolicy> =>
  CancelPolicy.use((policy) => policy.current).pipe(Effect.flatMap((policy): Effect.Effect<void, NoPolicy | NotAllowed> => {
    const decision = mayCancel(policy, actor)
    return decision.allowed
      ? Effect.void
      : decision.reason === "no-policy"
      ? Effect.fail(new NoPolicy())
      : Effect.fail(new NotAllowed({ userId: actor.userId, channelId: actor.channelId, ...grantedBy(actor.reference) }))
  }))
