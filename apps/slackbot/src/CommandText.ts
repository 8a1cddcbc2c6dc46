/**
 * What a person typed after `/cancel-offer`: help, status or history of an offer (any reference the
 * core accepts), or a cancel request. The text
 * is untrusted — any length, any characters — so it is bounded and reduced to the four shapes;
 * anything else becomes usage with the reason. Ids and emails are validated later by the core.
 */
import type { SubscriptionCommand } from "./watch/SubscriptionCommands.ts"

export type Command =
  | { readonly _tag: "Help"; readonly problem?: string }
  | { readonly _tag: "Status"; readonly offer: string }
  | { readonly _tag: "History"; readonly offer: string }
  | { readonly _tag: "Cancel"; readonly offer: string; readonly emails: string | undefined }
  | SubscriptionCommand

/**
 * The subcommands and how each is written after `/cancel-offer`, in the order the help lists them:
 * the one list the help, the hint for a word the bot does not know, the manifest's usage hint and the
 * README follow (a test compares them).
 */
export const subcommands = [
  { name: "cancel", form: "<publisherId>/<offerId> [email,...]" },
  { name: "status", form: "status <publisherId>/<offerId>" },
  { name: "history", form: "history <publisherId>/<offerId>" },
  { name: "watch", form: "watch <publisherId>/<offerId>" },
  { name: "unwatch", form: "unwatch <publisherId>/<offerId>" },
  { name: "watching", form: "watching" },
  { name: "help", form: "help" }
] as const

/** The manifest's `usage_hint`: every form, as Slack shows it while typing. */
export const usageHint = subcommands.map((subcommand) => subcommand.form).join(" | ")

/**
 * #18: what may stand where the forms say `<publisherId>/<offerId>`, the core's references: a CPP
 * offer, a Partner Center product, a Product Ingestion job or product. The core checks the ids.
 */
export const offerForms = "<publisherId>/<offerId>, product:<productId>, job:<jobId> or pia:<productId>"

/** Whether a word is meant as an offer in any form (the core says what is wrong with it). */
export const looksLikeOffer = (word: string): boolean => word.includes("/") || /^(product|job|pia):/i.test(word)

/** `\`<publisherId>/<offerId>\``, `\`status\`` …: what a command may start with. */
const firstWords = subcommands.map((subcommand) => `\`${subcommand.form.split(" ")[0]}\``)

/** Slack allows 4,000 characters; an offer reference and 20 emails fit in far fewer. */
export const maxCommandText = 2_000

// Slack may send emails and links in its escaped form (`<mailto:a@x.com|a@x.com>`).
const slackLink = /<(?:mailto:)?([^|<>]*)(?:\|[^<>]*)?>/g

const help = (problem?: string): Command => (problem === undefined ? { _tag: "Help" } : { _tag: "Help", problem })

export const parseCommandText = (raw: string): Command => {
  if (raw.length > maxCommandText) return help(`the text is longer than ${maxCommandText} characters`)
  // Control characters (and zero-width/bidi format characters) are never part of a command.
  const text = raw.replace(/[\p{Cc}\p{Cf}]/gu, " ").replace(slackLink, "$1").trim()
  const words = text.split(/\s+/).filter((word) => word.length > 0)
  const [first, ...rest] = words
  if (first === undefined || /^(help|-h|--help|\?)$/i.test(first)) {
    return rest.length === 0 ? help() : help(`\`help\` takes no arguments`)
  }
  if (/^status$/i.test(first)) {
    const [offer, ...extra] = rest
    if (offer === undefined) return help(`\`status\` needs an offer: ${offerForms}`)
    if (extra.length > 0) return help("`status` takes only an offer")
    return { _tag: "Status", offer }
  }
  if (/^history$/i.test(first)) {
    const [offer, ...extra] = rest
    if (offer === undefined) return help(`\`history\` needs an offer: ${offerForms}`)
    if (extra.length > 0) return help("`history` takes only an offer")
    return { _tag: "History", offer }
  }
  // #22: watch, unwatch (an offer each) and watching (nothing more).
  if (/^(watch|unwatch)$/i.test(first)) {
    const tag = /^watch$/i.test(first) ? "Watch" : "Unwatch"
    const [offer, ...extra] = rest
    if (offer === undefined || extra.length > 0) return help(`\`${first.toLowerCase()}\` takes one offer: ${offerForms}`)
    return { _tag: tag, offer }
  }
  if (/^watching$/i.test(first)) return rest.length === 0 ? { _tag: "Watching" } : help("`watching` takes no arguments")
  if (!looksLikeOffer(first)) {
    return help(`expected ${firstWords.slice(0, -1).join(", ")} or ${firstWords.at(-1)}; an offer is ${offerForms}`)
  }
  // Emails may be written `a@x.com,b@y.com` or `a@x.com, b@y.com`.
  const emails = rest.length === 0 ? undefined : rest.join("")
  return { _tag: "Cancel", offer: first, emails }
}
