/**
 * The core's catalogue passes the gates every catalogue set passes (CatalogueCheck: every key in
 * every language, the same arguments, every plural category, `other` in every select), and holds only
 * words the core's own source uses: the faces' words live beside them.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { catalogueProblems, unusedKeyProblems } from "../../src/i18n/CatalogueCheck.ts"
import { locales } from "../../src/i18n/Locale.ts"
import { coreCatalogues, translator } from "../../src/i18n/Catalogues.ts"

const src = new URL("../../src/", import.meta.url).pathname
/** The core's source, without the catalogues themselves. */
const sources = (readdirSync(src, { recursive: true }) as Array<string>)
  .filter((file) => file.endsWith(".ts") && !locales.some((locale) => file === join("i18n", `${locale}.ts`)))
  .map((file) => readFileSync(join(src, file), "utf8"))

/** Keys Remedy builds from an error's tag or cause, with every key each can make. */
const computed = {
  "core.error.${error._tag}.what": ["core.error.BadRequest.what", "core.error.NotFound.what", "core.error.InvalidResponse.what"],
  "core.error.${error._tag}.todo": ["core.error.BadRequest.todo", "core.error.NotFound.todo", "core.error.InvalidResponse.todo"],
  "core.error.Unavailable.${error.unreachable === \"NoResponse\" ? \"ConnectionLost\" : error.unreachable}": [
    "core.error.Unavailable.ConnectionRefused",
    "core.error.Unavailable.HostNotFound",
    "core.error.Unavailable.CertificateUntrusted",
    "core.error.Unavailable.ConnectionLost"
  ],
  "core.error.InvalidInput.${error.input}.todo": [
    "core.error.InvalidInput.Offer.todo",
    "core.error.InvalidInput.OperationId.todo",
    "core.error.InvalidInput.Emails.todo",
    "core.error.InvalidInput.Location.todo",
    "core.error.InvalidInput.BaseUrl.todo",
    "core.error.InvalidInput.Settings.todo"
  ]
}

describe("the core's catalogue", () => {
  it("has every key in every language, with English's arguments, plural categories and select branches", () => {
    assert.deepStrictEqual(catalogueProblems(coreCatalogues), [])
  })

  it("holds only the core's words (outcomes, advice, terms), each used by the core's source", () => {
    const keys = Object.keys(coreCatalogues.en)
    assert.deepStrictEqual(keys.filter((key) => !key.startsWith("core.") && !key.startsWith("term.")), [])
    assert.deepStrictEqual(unusedKeyProblems(keys, sources, computed), [])
  })
})

describe("the gates", () => {
  const en = { "x.minutes": "{minutes, plural, one {# minute} other {# minutes}} on {offer}" } as const
  const ru = { "x.minutes": "{minutes, plural, one {# минута} few {# минуты} many {# минут} other {# минуты}} в {offer}" }
  const complete = { en, ja: en, ko: en, "zh-TW": en, ru, hu: en }

  it("find a missing key, a new argument, a lacking plural category and an argument of another kind", () => {
    assert.deepStrictEqual(catalogueProblems({ ...complete, ja: {} as typeof en }), ["ja x.minutes: missing"])
    assert.match(catalogueProblems({ ...complete, ko: { "x.minutes": "{minutes, plural, other {# 분}} {place}" } })[0]!, /^ko x\.minutes: takes /)
    assert.deepStrictEqual(catalogueProblems({ ...complete, ru: { "x.minutes": "{minutes, plural, one {# минута} other {# минут}} {offer}" } }), [
      "ru x.minutes: lacks plural few",
      "ru x.minutes: lacks plural many"
    ])
    assert.deepStrictEqual(catalogueProblems({ ...complete, hu: { "x.minutes": "{minutes, select, other {x}} {offer}" } }).slice(0, 1), [
      "hu x.minutes: takes [[\"minutes\",\"select\"],[\"offer\",\"value\"]], English [[\"minutes\",\"plural\"],[\"offer\",\"value\"]]"
    ])
  })

  it("find a key nothing uses, a computed key nobody listed, and a listed template that is gone", () => {
    const keys = ["x.a", "x.b", "x.c"]
    assert.deepStrictEqual(unusedKeyProblems(keys, [`t.t("x.a"); t.t(\`x.\${name}\`)`], { "x.${name}": ["x.b"] }), ["x.c: nothing uses it"])
    assert.deepStrictEqual(unusedKeyProblems(keys, [`t.t("x.a")\n// t.t("x.b")`, `t.t(\`x.\${name}\`)`]), [
      "`x.${name}`: a computed key; list the keys it makes",
      "x.b: nothing uses it",
      "x.c: nothing uses it"
    ])
    assert.deepStrictEqual(unusedKeyProblems(["x.a"], [`t.t("x.a")`], { "x.${gone}": ["x.a"] }), ["`x.${gone}`: listed, but no longer in the source"])
  })
})

describe("Intl formats", () => {
  const at = Date.UTC(2026, 11, 1, 13, 5)

  it("shows a time in the given time zone, in the language's own form", () => {
    assert.strictEqual(translator("ja", { timeZone: "Asia/Tokyo" }).dateTime(at), "2026/12/01 22:05")
    assert.strictEqual(translator("en", { timeZone: "America/New_York" }).dateTime(at), "Dec 1, 2026, 8:05 AM")
    // A zone the platform does not know is shown in UTC rather than failing the message.
    assert.strictEqual(translator("en", { timeZone: "Mars/Olympus" }).dateTime(at), "Dec 1, 2026, 1:05 PM")
  })

  it("spells durations, lists and percentages per language", () => {
    assert.strictEqual(translator("en").duration(90 * 60_000), "1 hr 30 min")
    assert.strictEqual(translator("ru").percent(0.4), "40\u00a0%")
    assert.strictEqual(translator("hu").list(["a", "b"]), "a és b")
  })
})
