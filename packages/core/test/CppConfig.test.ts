/** The API root, one schema for the CLI flag, CPP_BASE_URL and the bot; and config errors in one line. */
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Option, Schema } from "effect"
import { BaseUrl, configErrorText, CppConfig, cppConfigFromEnv } from "../src/CppConfig.ts"

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function*() {
    return (yield* CppConfig).baseUrl
  }).pipe(Effect.provide(cppConfigFromEnv().pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env }))))))

describe("BaseUrl", () => {
  it("accepts http(s) URLs, trimmed and without trailing slashes", () => {
    const decode = Schema.decodeUnknownOption(BaseUrl)
    assert.deepStrictEqual(decode(" https://cloudpartner.azure.com/ "), Option.some("https://cloudpartner.azure.com"))
    assert.deepStrictEqual(decode("http://127.0.0.1:8080/cpp//"), Option.some("http://127.0.0.1:8080/cpp"))
    for (const bad of ["", "cloudpartner.azure.com", "ftp://x", "file:///etc/passwd", "https://x/?a=1", "https://x/#f"]) {
      assert.isTrue(Option.isNone(decode(bad)), bad)
    }
  })

  it.effect("reads CPP_BASE_URL with it, and explains a bad one in one line naming the variable", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* fromEnv({ CPP_BASE_URL: "http://127.0.0.1:9/" }), "http://127.0.0.1:9")
      assert.strictEqual(yield* fromEnv({}), "https://cloudpartner.azure.com")
      const error = yield* Effect.flip(fromEnv({ CPP_BASE_URL: "ftp://x" }))
      assert.strictEqual(
        configErrorText(error),
        "CPP_BASE_URL: expected an http(s) URL such as https://cloudpartner.azure.com, without query or fragment; got \"ftp://x\""
      )
    }))
})
