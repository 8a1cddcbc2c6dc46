import { assert, describe, it } from "@effect/vitest"
import { Redacted } from "effect"
import { readSettings, SettingsError } from "../src/Settings.ts"
import { expect } from "vitest"

describe("readSettings", () => {
  it("refuses HTTP mode without a signing secret", () => {
    const settings = readSettings({ SLACK_BOT_TOKEN: "xoxb-1" })
    assert.instanceOf(settings, SettingsError)
    assert.include(settings instanceof SettingsError ? settings.message : "", "SLACK_SIGNING_SECRET")
  })

  it("reads the team's language from OFFEROPS_TEAM_LANG (default English), refusing one it does not speak", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }
    const teamOf = (env: Record<string, string>) => {
      const settings = readSettings({ ...base, ...env })
      return settings instanceof SettingsError ? settings.message : settings.teamLocale
    }
    assert.strictEqual(teamOf({}), "en")
    assert.strictEqual(teamOf({ OFFEROPS_TEAM_LANG: "ja-JP" }), "ja")
    assert.strictEqual(teamOf({ OFFEROPS_TEAM_LANG: "zh-Hant-TW" }), "zh-TW")
    assert.strictEqual(teamOf({ OFFEROPS_TEAM_LANG: "en-GB" }), "en")
    assert.include(teamOf({ OFFEROPS_TEAM_LANG: "klingon" }), "OFFEROPS_TEAM_LANG")
    assert.include(teamOf({ OFFEROPS_TEAM_LANG: "klingon" }), "expected one of en, ja, ko, zh-TW, ru, hu")
  })

  it("uses Socket Mode when SLACK_APP_TOKEN is set, and needs no signing secret then", () => {
    const settings = readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })
    assert.notInstanceOf(settings, SettingsError)
    assert.strictEqual(settings instanceof SettingsError ? "" : settings.mode, "socket")
  })

  it("reads PORT (default 3000), SLACK_API_URL and the policy path; keeps secrets redacted", () => {
    const defaults = readSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })
    assert.strictEqual(defaults instanceof SettingsError ? 0 : defaults.port, 3000)
    const settings = readSettings({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      PORT: "8080",
      SLACK_API_URL: "http://127.0.0.1:9/api",
      OFFEROPS_POLICY_FILE: "/etc/offerops/policy.json"
    })
    if (settings instanceof SettingsError) throw settings
    assert.deepStrictEqual([settings.mode, settings.port, settings.apiUrl, settings.policyFile], [
      "http",
      8080,
      "http://127.0.0.1:9/api/",
      "/etc/offerops/policy.json"
    ])
    assert.notInclude(JSON.stringify(settings), "xoxb-1")
    assert.strictEqual(Redacted.value(settings.botToken), "xoxb-1")
  })

  it("reads CPP_BASE_URL through the core's schema, as the CLI does", () => {
    const settings = readSettings({ SLACK_BOT_TOKEN: "x", SLACK_SIGNING_SECRET: "s", CPP_BASE_URL: " http://127.0.0.1:8080/cpp/ " })
    if (settings instanceof SettingsError) throw settings
    assert.strictEqual(settings.cppBaseUrl, "http://127.0.0.1:8080/cpp")
    const bad = readSettings({ SLACK_BOT_TOKEN: "x", SLACK_SIGNING_SECRET: "s", CPP_BASE_URL: "https://cpp.example/?x=1" })
    assert.instanceOf(bad, SettingsError)
    assert.strictEqual(
      bad instanceof SettingsError ? bad.message : "",
      "CPP_BASE_URL: expected an http(s) URL such as https://cloudpartner.azure.com, without query or fragment; got \"https://cpp.example/?x=1\""
    )
  })

  it("refuses a bad PORT, a bad SLACK_API_URL and a missing bot token", () => {
    for (const env of [
      { SLACK_BOT_TOKEN: "x", SLACK_SIGNING_SECRET: "s", PORT: "http" },
      { SLACK_BOT_TOKEN: "x", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "file:///etc/passwd" },
      { SLACK_SIGNING_SECRET: "s" }
    ]) assert.instanceOf(readSettings(env), SettingsError)
  })
})

describe("#23 URLs in the environment", () => {
  const base = { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-x" }
  it("refuses an http AZURE_AUTHORITY_HOST before the start, in one line", () => {
    const read = readSettings({ ...base, AZURE_AUTHORITY_HOST: "http://login.example.com" })
    expect(read).toBeInstanceOf(SettingsError)
    expect((read as SettingsError).message).toMatch(/^AZURE_AUTHORITY_HOST: expected an https URL/)
    expect((read as SettingsError).message).not.toContain("\n")
  })

  it("masks the password of a URL it cannot use", () => {
    const read = readSettings({ ...base, SLACK_API_URL: "ftp://u:hunter2@slack.example/api" })
    expect(read).toBeInstanceOf(SettingsError)
    expect((read as SettingsError).message).toContain("ftp://u:***@slack.example/api")
    expect((read as SettingsError).message).not.toContain("hunter2")
  })
})
