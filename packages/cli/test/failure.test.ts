/** How a failure is reported: every line of the core's message, in the JSON and as lines of text. */
import { Unauthorized } from "@offerops/core"
import { describe, expect, it } from "vitest"
import { reportFailure } from "../src/Failure.ts"
import { translator } from "../src/i18n/Catalogues.ts"

describe("an Entra credential chain that failed", () => {
  const error = new Unauthorized({
    method: "POST",
    path: "(token endpoint)",
    message: "could not obtain a token: ChainedTokenCredential authentication failed.\n" +
      "CredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used.\n" +
      "CredentialUnavailableError: ManagedIdentityCredential: no managed identity endpoint\n" +
      "CredentialUnavailableError: Azure CLI could not be found."
  })

  it("keeps each cause in the JSON message and as a line of its own in text", () => {
    const report = reportFailure(error, translator("en"))
    expect(report.json.message.split("\n")).toHaveLength(4)
    expect(report.text).toContain("  CredentialUnavailableError: ManagedIdentityCredential: no managed identity endpoint")
    expect(report.text).toContain("  CredentialUnavailableError: Azure CLI could not be found.")
    expect(report.text.some((line) => line.includes("ChainedTokenCredential authentication failed."))).toBe(true)
  })
})
