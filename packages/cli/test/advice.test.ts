/**
 * A newcomer's mistakes, each answered with the advice for that mistake: the input that was wrong
 * and its accepted forms, the credentials that were looked for, an emulator's token gone stale.
 */
import { startEmulator } from "@offerops/emulator"
import { describe, expect, it } from "vitest"
import { offerops, offeropsHere, useEmulator } from "./support.ts"

const cpp = useEmulator((emulator) => emulator.addOffer("contoso", "vm"))

const offerHint = "Write the offer as <publisherId>/<offerId>"
const emailsHint = "comma-separated list"

describe("a usage error names the input that was wrong and its accepted forms", () => {
  it.each([
    {
      mistake: "an http:// base URL of another host",
      args: ["operations", "contoso/vm", "--base-url", "http://example.com"],
      said: "refusing to send the bearer token to http://example.com",
      hint: "Give an https:// base URL (CPP_BASE_URL), e.g. https://cloudpartner.azure.com."
    },
    {
      mistake: "a resume token that is none",
      args: ["watch", "notatoken"],
      said: "not a resume token or operation location: \"notatoken\"",
      hint: "Give the resume token exactly as it was printed (it starts with eyJ2Ijo)"
    },
    {
      mistake: "a location with ..",
      args: ["watch", "/api/publishers/contoso/offers/vm/operations/../../../other"],
      said: "not an operation location of",
      hint: "A location with \"..\" or on another host is refused."
    },
    {
      mistake: "an operation id of ..",
      args: ["operations", "contoso/vm", ".."],
      said: "operation id \"..\" is not an id",
      hint: "Give the operation's id as the offer's list of operations shows it"
    },
    {
      mistake: "an offer without its publisher",
      args: ["cancel", "contoso-vm", "--yes"],
      said: "expected <publisherId>/<offerId>, got \"contoso-vm\"",
      hint: `${offerHint}, e.g. contoso/contoso-vm`
    },
    {
      mistake: "an email that is none",
      args: ["cancel", "contoso/vm", "--yes", "--notify", "ops-team"],
      said: "not an email address: \"ops-team\"",
      hint: "Write the notification emails as a comma-separated list of at most 20 addresses"
    }
  ])("$mistake", async ({ args, said, hint }) => {
    const run = await offeropsHere(cpp.env, args)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(said)
    expect(run.stderr).toContain(hint)
    if (!hint.startsWith(offerHint)) expect(run.stderr).not.toContain(offerHint)
    if (!hint.includes(emailsHint)) expect(run.stderr).not.toContain(emailsHint)
  })

  it("a wrong setting in the environment is named, with no word of offers or emails", async () => {
    const run = await offeropsHere(cpp.env, ["operations", "contoso/vm"], { env: { CPP_BASE_URL: "ftp://example.com" } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("CPP_BASE_URL: expected an http(s) URL")
    expect(run.stderr).toContain("Correct the environment variable named above, or unset it to use the default.")
    expect(run.stderr).not.toContain(offerHint)
  })
})

describe("credentials", () => {
  it("with none at all, lists what was looked for and the base URL it would have called", async () => {
    // The built CLI, as installed: no CPP_TOKEN, no AZURE_*, no Azure CLI login on this machine's PATH.
    const run = await offerops(cpp.env, ["operations", "contoso/vm"], {
      env: { CPP_TOKEN: undefined, CPP_BASE_URL: "https://cloudpartner.example", PATH: process.env["PATH"], HOME: "/nonexistent" },
      timeoutMs: 60_000
    })
    expect(run.code).toBe(4)
    expect(run.stderr).toContain("offerops found no credentials, so it sent nothing (it would have called https://cloudpartner.example).")
    expect(run.stderr).toContain("Looked for:\n    CPP_TOKEN: not set (or empty)\n    AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET: not set\n")
    expect(run.stderr).toMatch(/Azure CLI/)
    expect(run.stderr).toContain("or sign in with `az login`")
    expect(run.stderr).not.toContain("no response")
    expect(run.stderr).not.toContain("ChainedTokenCredential")

    const json = await offerops(cpp.env, ["operations", "contoso/vm", "--output", "json"], {
      env: { CPP_TOKEN: undefined, AZURE_CLIENT_ID: "half-a-principal", HOME: "/nonexistent" },
      timeoutMs: 60_000
    })
    expect(JSON.parse(json.stdout).error).toMatchObject({ _tag: "Unauthorized", code: "NoCredentials" })
    expect(json.stderr).toContain("AZURE_CLIENT_ID set, but not AZURE_TENANT_ID, AZURE_CLIENT_SECRET (all three are needed)")
  })

  it("a token from an emulator run that has ended gets the emulator's advice, not the real service's", async () => {
    const earlier = await startEmulator()
    const staleToken = earlier.issueToken()
    await earlier.close()
    const run = await offeropsHere(cpp.env, ["operations", "contoso/vm"], { env: { CPP_TOKEN: staleToken } })
    expect(run.code).toBe(4)
    expect(run.stderr).toContain(`${cpp.emulator.url} is an emulator on this machine; its tokens last only as long as it runs.`)
    expect(run.stderr).toContain("run `eval \"$(pnpm -s emulator env)\"` again")
    expect(run.stderr).not.toContain("the token is for https://cloudpartner.azure.com")
  })
})

describe("small texts", () => {
  it("`cancel` shows since when the operation runs, not when it last changed", async () => {
    const started = new Date(cpp.emulator.now()).toISOString()
    cpp.emulator.addOffer("contoso", "long-publish")
    cpp.emulator.startOperation("contoso", "long-publish")
    cpp.emulator.advance(20 * 60_000)
    const changed = (await offeropsHere(cpp.env, ["operations", "contoso/long-publish", "--output", "json"]).then((run) =>
      JSON.parse(run.stdout).operations[0].changedTime
    )) as string
    expect(changed).not.toBe(started)
    const run = await offeropsHere(cpp.env, ["cancel", "contoso/long-publish"], { typed: ["n"] })
    expect(run.stdout).toMatch(new RegExp(`Running on contoso/long-publish: publish \\S+ running .*since ${started}`))
    expect(run.stdout).not.toContain(changed)
  })

  it("nothing running: the advice and the next step do not say the same thing twice", async () => {
    const run = await offeropsHere(cpp.env, ["cancel", "contoso/vm", "--yes"])
    expect(run.code).toBe(6)
    expect(run.stderr).toBe(
      "error: Nothing is running on contoso/vm: nothing was cancelled.\n" +
        "It may have ended already, or it runs on another offer (the ids are case-sensitive).\n" +
        "See the offer's operations with:\n  offerops operations contoso/vm\n"
    )
  })
})
