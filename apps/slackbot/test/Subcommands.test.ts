/**
 * `/cancel-offer help`, the manifest's usage hint, the hint for a word the bot does not know and the
 * README list the same subcommands, all from the bot's one list (`subcommands`).
 */
import { readFileSync } from "node:fs"
import { type Locale, translator } from "@offerops/core"
import { describe, expect, it } from "vitest"
import { parseCommandText, subcommands, usageHint } from "../src/CommandText.ts"
import { usage } from "../src/Messages.ts"

const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8")
const written = subcommands.map((subcommand) => `/cancel-offer ${subcommand.form}`)

describe("the subcommands, from one list", () => {
  it("names cancel, status, history and help", () => {
    expect(subcommands.map((subcommand) => subcommand.name)).toEqual(expect.arrayContaining(["cancel", "status", "history", "help"]))
  })

  it.each(["en", "ja", "ko", "zh-TW", "ru", "hu"] satisfies ReadonlyArray<Locale>)("`/cancel-offer help` in %s shows each, as it is written", (locale) => {
    const help = JSON.stringify(usage(translator(locale)))
    for (const form of written) expect(help, form).toContain(`\`${form}\``)
    expect(help.match(/`\/cancel-offer /g)?.length).toBe(subcommands.length)
  })

  it("the manifest's usage hint shows each", () => {
    expect(file("manifest.yaml")).toContain(`usage_hint: "${usageHint}"`)
    for (const subcommand of subcommands) expect(usageHint).toContain(subcommand.form)
  })

  it("the README's list shows each, and no other", () => {
    const listed = file("README.md").split("```")[1]!.split("\n").filter((line) => line.startsWith("/cancel-offer "))
    expect(listed.map((line) => line.split(/\s{2,}/)[0])).toEqual(written)
  })

  it("a word the bot does not know is answered with every subcommand", () => {
    const parsed = parseCommandText("cancle contoso/vm")
    expect(parsed._tag).toBe("Help")
    const problem = parsed._tag === "Help" ? parsed.problem ?? "" : ""
    for (const subcommand of subcommands) expect(problem).toContain(`\`${subcommand.form.split(" ")[0]}\``)
  })
})
