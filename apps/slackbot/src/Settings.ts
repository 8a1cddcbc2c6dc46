/**
 * The bot's environment, read once at startup through Effect `Config`, as the core reads its own:
 * each variable through a schema whose message says what is wrong, `CPP_BASE_URL` through the
 * core's `BaseUrl`. HTTP mode needs the signing secret (without it any request could be forged),
 * Socket Mode the app token; both need the bot token. Secrets stay Redacted until handed to Bolt.
 */
import { AuthorityHost, BaseUrl, configErrorText, type Locale, locales, negotiateLocale, shownUrl } from "@offerops/core"
import { Config, ConfigProvider, Effect, Option, Redacted, Result, Schema, SchemaTransformation } from "effect"

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
  /** The Cloud Partner Portal's root from `CPP_BASE_URL`, checked here so a bad one stops the start with one line. */
  readonly cppBaseUrl: string | undefined
  /** The language of messages in the channel (`OFFEROPS_TEAM_LANG`, default English). */
  readonly teamLocale: Locale
}

export class SettingsError extends Schema.TaggedError<SettingsError>()("SettingsError", {
  message: Schema.String
}) {}

const Port = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      (/^\d+$/.test(text) && Number(text) <= 65535) || `expected a port number, got ${JSON.stringify(text.slice(0, 20))}`
    )
  ),
  Schema.decodeTo(Schema.Number, SchemaTransformation.transform({ decode: Number, encode: String }))
)

const SlackApiUrl = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      (URL.canParse(text) && /^https?:$/.test(new URL(text).protocol)) ||
      `expected an http(s) URL, got ${shownUrl(text)}`
    )
  ),
  Schema.decodeTo(
    Schema.String,
    SchemaTransformation.transform({ decode: (text: string) => (text.endsWith("/") ? text : `${text}/`), encode: (text: string) => text })
  )
)

/** A language offerops speaks, as a tag (`ja`, `ja-JP`, `zh-Hant-TW`). Only English may give English: a typo should not quietly do so. */
const TeamLanguage = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      negotiateLocale(text) !== "en" || /^en\b/i.test(text) ||
      `expected one of ${locales.join(", ")} (or a tag such as ja-JP), got ${JSON.stringify(text.slice(0, 40))}`
    )
  ),
  Schema.decodeTo(
    Schema.Literals(locales),
    SchemaTransformation.transform<Locale, string>({ decode: (text) => negotiateLocale(text), encode: (locale) => locale })
  )
)

/** A variable that is set and not blank, trimmed. */
const optional = (name: string) =>
  Config.String(name).pipe(
    Config.option,
    Config.map((value) => Option.filter(Option.map(value, (text) => text.trim()), (text) => text !== ""))
  )

const secret = (name: string) => optional(name).pipe(Config.map((value) => Option.getOrUndefined(Option.map(value, Redacted.make))))

/** Every variable the bot reads, each checked on its own. */
const environment = Config.all({
  appToken: secret("SLACK_APP_TOKEN"),
  signingSecret: secret("SLACK_SIGNING_SECRET"),
  botToken: secret("SLACK_BOT_TOKEN"),
  port: Config.schema(Port, "PORT").pipe(Config.withDefault(3000)),
  apiUrl: Config.schema(SlackApiUrl, "SLACK_API_URL").pipe(Config.option, Config.map(Option.getOrUndefined)),
  policyFile: optional("OFFEROPS_POLICY_FILE").pipe(Config.map(Option.getOrUndefined)),
  cppBaseUrl: Config.schema(BaseUrl, "CPP_BASE_URL").pipe(Config.option, Config.map(Option.getOrUndefined)),
  teamLocale: Config.schema(TeamLanguage, "OFFEROPS_TEAM_LANG").pipe(Config.withDefault<Locale>("en")),
  // Read by the core when it first needs a token: checked here so a bad one stops the start.
  authorityHost: Config.schema(AuthorityHost, "AZURE_AUTHORITY_HOST").pipe(Config.option)
})

/**
 * A whole number of `unit` from `min` to `max` in the variable `name`: undefined when it is unset
 * or blank, else the number, or the message that says what is wrong.
 */
export const wholeNumber = (
  env: Env,
  name: string,
  unit: string,
  bounds: { readonly min: number; readonly max: number }
): number | undefined | string => {
  const text = env[name]?.trim()
  if (text === undefined || text === "") return undefined
  const value = Number(text)
  return /^\d+$/.test(text) && value >= bounds.min && value <= bounds.max
    ? value
    : `${name} must be a whole number of ${unit} from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(text.slice(0, 20))}`
}

/** The environment's settings, or the one-line reason the bot cannot start with them. */
export const readSettings = (env: Env): Settings | SettingsError => {
  const read = Effect.runSync(Effect.result(environment.parse(ConfigProvider.fromEnvRecord(env))))
  if (Result.isFailure(read)) return new SettingsError({ message: configErrorText(read.failure) })
  const { botToken, appToken, signingSecret, authorityHost: _checked, ...rest } = read.success
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
  return { mode, botToken, appToken, signingSecret, ...rest }
}
