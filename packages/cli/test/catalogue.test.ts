/**
 * The CLI's own catalogue (packages/cli/src/i18n): the gates the core's catalogue passes — every key
 * in every language, English's arguments, every plural category — and no word the CLI's source does
 * not use. The core's messages stay in the core's catalogue.
 */
import { locales } from "@offerops/core"
import { catalogueProblems, unusedKeyProblems } from "@offerops/core/catalogue-check"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { en } from "../src/i18n/en.ts"
import { catalogues } from "../src/i18n/Catalogues.ts"

const src = new URL("../src/", import.meta.url).pathname
/** The CLI's source, without the catalogues themselves. */
const sources = (readdirSync(src, { recursive: true }) as Array<string>)
  .filter((file) => file.endsWith(".ts") && !locales.some((locale) => file === join("i18n", `${locale}.ts`)))
  .map((file) => readFileSync(join(src, file), "utf8"))

/** Keys the source builds, with every key each can make. */
const computed = {
  "cli.table.${column}": ["cli.table.id", "cli.table.type", "cli.table.status", "cli.table.version", "cli.table.slot", "cli.table.changed"]
}

describe("the CLI's catalogue", () => {
  it("has every key in every language, with English's arguments and plural categories, over the core's", () => {
    expect(catalogueProblems(catalogues)).toEqual([])
  })

  it("holds only the CLI's words, each used by the CLI's source", () => {
    const keys = Object.keys(en)
    expect(keys.filter((key) => !key.startsWith("cli."))).toEqual([])
    expect(unusedKeyProblems(keys, sources, computed)).toEqual([])
  })
})
