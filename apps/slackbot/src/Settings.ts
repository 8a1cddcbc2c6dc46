/**
 * The bot's environment, read once at startup. HTTP mode needs the signing secret (without it any
 * request could be forged), Socket Mode the app token; both need the bot token. Secrets stay
 * Redacted until they are handed to Bolt.
 */
import { type Locale, locales, negotiateLocale } from "@offerops/core"
import { Redacted, Schema } from "effect"

export type Env = Readonly<Record<string, string | undefined>>

export interface Settings {
  readonly mode: "http" | "socket"
  readonly botToken: Redacted.Redacted<string>
  readonly signingSecret: Redacted.Redacted<string> | undefined
  readonly appToken: Redacted.Redacted<string> | undefined
  /** Base URL of the Slack Web API, ending in `/` as the WebClient expects. */
  readonly apiUrl: string | undefined
  readonly port: number
  readonly policyFile: string | undefined
  /** The language of messages in the channel (`OFFEROPS_TEAM_LANG`, default English). */
  readonly teamLocale: Locale
}

export class SettingsError extends Schema.TaggedError<SettingsError>()("SettingsError", {
  message: Schema.String
}) {}

const present = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim())

export const readSettings = (env: Env): Settings | SettingsError => {
  const appToken = present(env.SLACK_APP_TOKEN)
  const signingSecret = present(env.SLACK_SIGNING_SECRET)
  const botToken = present(env.SLACK_BOT_TOKEN)
  const mode = appToken === undefined ? "http" : "socket"
  if (mode === "http" && signingSecret === undefined) {
    return new SettingsError({
      message: "SLACK_SIGNING_SECRET is not set. In HTTP mode the bot verifies every request with it and refuses to start " +
        "without it (find it under Basic Information → App Credentials). Set SLACK_APP_TOKEN instead to use Socket Mode."
    })
  }
  if (botToken === undefined) {
    return new SettingsError({ message: "SLACK_BOT_TOKEN is not set (OAuth & Permissions → Bot User OAuth Token, xoxb-…)." })
  }
  const portText = present(env.PORT) ?? "3000"
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    return new SettingsError({ message: `PORT must be a port number, got ${JSON.stringify(portText.slice(0, 20))}` })
  }
  const apiUrlText = present(env.SLACK_API_URL)
  let apiUrl: string | undefined
  if (apiUrlText !== undefined) {
    if (!URL.canParse(apiUrlText) || !/^https?:$/.test(new URL(apiUrlText).protocol)) {
      return new SettingsError({ message: `SLACK_API_URL must be an http(s) URL, got ${JSON.stringify(apiUrlText.slice(0, 200))}` })
    }
    apiUrl = apiUrlText.endsWith("/") ? apiUrlText : `${apiUrlText}/`
  }
  const teamLang = present(env.OFFEROPS_TEAM_LANG)
  const teamLocale = negotiateLocale(teamLang)
  // Only an explicit English may give English: a typo should not quietly change the team's language.
  if (teamLang !== undefined && teamLocale === "en" && !/^en\b/i.test(teamLang)) {
    return new SettingsError({
      message: `OFFEROPS_TEAM_LANG must be one of ${locales.join(", ")} (or a tag such as ja-JP), got ${JSON.stringify(teamLang.slice(0, 40))}`
    })
  }
  return {
    mode,
    teamLocale,
    botToken: Redacted.make(botToken),
    signingSecret: signingSecret === undefined ? undefined : Redacted.make(signingSecret),
    appToken: appToken === undefined ? undefined : Redacted.make(appToken),
    apiUrl,
    port,
    policyFile: present(env.OFFEROPS_POLICY_FILE)
  }
}
