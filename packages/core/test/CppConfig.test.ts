/** The API root, one schema for the CLI flag, CPP_BASE_URL and the bot; and config errors in one line. */
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit, Layer, Option, Schema } from "effect"
import { AuthorityHost, BaseUrl, configErrorText, CppConfig, cppConfigFromEnv, shownUrl } from "../src/CppConfig.ts"

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

describe("#23 URLs in settings", () => {
  it("refuses an http authority host, and one with credentials, in one line that masks the password", () => {
    const decode = Schema.decodeUnknownExit(AuthorityHost)
    assert.isTrue(Exit.isSuccess(decode("https://login.microsoftonline.us")))
    for (const bad of ["http://login.example.com", "https://u:hunter2@login.example.com", "not a url", "https://login.example.com/?x=1"]) {
      const exit = decode(bad)
      assert.isTrue(Exit.isFailure(exit))
      const text = String(Exit.isFailure(exit) ? exit.cause : "")
      assert.include(text, "expected an https URL")
      assert.notInclude(text, "hunter2")
    }
  })

  it("masks a password in every URL it shows, parseable or not", () => {
    assert.strictEqual(shownUrl("postgres://u:Zx9/abc@db:5432/x"), JSON.stringify("postgres://u:***@db:5432/x"))
    assert.strictEqual(shownUrl("https://user:p@ss@host/"), JSON.stringify("https://user:***@host/"))
    assert.strictEqual(shownUrl("https://host/path"), JSON.stringify("https://host/path"))
  })
})
