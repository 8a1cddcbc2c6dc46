import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import { locationFromResponse, resolveLocation } from "../src/Location.ts"

const endpoint = { baseUrl: "https://cloudpartner.azure.com", apiVersion: "2017-10-31" }

describe("resolveLocation", () => {
  it("resolves the newest docs' relative Location (migrated offer) as is", () => {
    assert.strictEqual(
      resolveLocation("/api/publishers/contoso/offers/contoso-offer/operations/408a4835-0000-1000-0000-000000000000?api-version=2017-10-31", endpoint),
      "https://cloudpartner.azure.com/api/publishers/contoso/offers/contoso-offer/operations/408a4835-0000-1000-0000-000000000000?api-version=2017-10-31"
    )
  })

  it("keeps the legacy $-separated operation id", () => {
    assert.strictEqual(
      resolveLocation("/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31", endpoint),
      "https://cloudpartner.azure.com/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31"
    )
  })

  it("adds api-version to the 2018 docs' absolute Operation-Location", () => {
    assert.strictEqual(
      resolveLocation("https://cloudpartner.azure.com/api/publishers/contoso/offers/o/operations/abc", endpoint),
      "https://cloudpartner.azure.com/api/publishers/contoso/offers/o/operations/abc?api-version=2017-10-31"
    )
  })

  it("adds api-version to a relative location without one", () => {
    assert.strictEqual(
      resolveLocation("/api/operations/contoso$o$1$preview", endpoint),
      "https://cloudpartner.azure.com/api/operations/contoso$o$1$preview?api-version=2017-10-31"
    )
  })

  it("refuses another origin, which would receive the bearer token", () => {
    assert.isUndefined(resolveLocation("https://evil.example/api/operations/x", endpoint))
    assert.isUndefined(resolveLocation("http://cloudpartner.azure.com/api/operations/x", endpoint))
    assert.isUndefined(resolveLocation("//evil.example/api/x", endpoint))
  })

  it("refuses paths outside the API", () => {
    assert.isUndefined(resolveLocation("/_emulator/reset", endpoint))
    assert.isUndefined(resolveLocation("/api/../_emulator/x", endpoint))
  })
})

describe("locationFromResponse", () => {
  it("prefers Operation-Location, then Location", () => {
    assert.deepStrictEqual(
      locationFromResponse({ "operation-location": "https://h/api/a", location: "/api/b" }, ""),
      Option.some("https://h/api/a")
    )
    assert.deepStrictEqual(locationFromResponse({ location: "/api/b" }, ""), Option.some("/api/b"))
  })

  it("falls back to the body, as the docs' prose says", () => {
    assert.deepStrictEqual(locationFromResponse({}, { location: "/api/c" }), Option.some("/api/c"))
    assert.deepStrictEqual(locationFromResponse({}, { operationLocation: "/api/d" }), Option.some("/api/d"))
    assert.deepStrictEqual(locationFromResponse({}, "/api/e?api-version=1"), Option.some("/api/e?api-version=1"))
  })

  it("finds nothing in an empty 202", () => {
    assert.deepStrictEqual(locationFromResponse({}, ""), Option.none())
    assert.deepStrictEqual(locationFromResponse({ location: "  " }, {}), Option.none())
  })
})
