/**
 * The `notification-emails` a cancel may carry: a comma-separated list, checked before sending so a
 * typo is reported here rather than silently ignored by the service.
 */
import { Effect } from "effect"
import { InvalidInput } from "./CppError.ts"

export const maxNotificationEmails = 20

// Deliberately simple: local@domain.tld with no separators or spaces. The service is the final judge.
const email = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/

/** Parses `a@x.com, b@y.com` into a normalised list, failing on the first bad address. */
export const parseNotificationEmails = (text: string): Effect.Effect<ReadonlyArray<string>, InvalidInput> => {
  const addresses = text.split(",").map((part) => part.trim()).filter((part) => part.length > 0)
  if (addresses.length === 0) {
    return Effect.fail(new InvalidInput({ message: "no notification email given", input: "Emails" }))
  }
  if (addresses.length > maxNotificationEmails) {
    return Effect.fail(
      new InvalidInput({
        message: `too many notification emails (${addresses.length}); at most ${maxNotificationEmails}`,
        input: "Emails"
      })
    )
  }
  const bad = addresses.find((address) => address.length > 254 || !email.test(address))
  return bad === undefined
    ? Effect.succeed(addresses)
    : Effect.fail(new InvalidInput({ message: `not an email address: ${JSON.stringify(bad.slice(0, 100))}`, input: "Emails" }))
}
