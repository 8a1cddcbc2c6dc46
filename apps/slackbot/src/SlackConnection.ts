/**
 * Whether Slack's Web API answers the bot's token, checked once before the bot says it is ready:
 * without it an unreachable Slack (no network, no SLACK_API_URL to a proxy) shows only as Bolt's
 * retried `fetch failed` warnings behind a "ready" line, and a revoked token only at the first command.
 */
import { LogLevel, webApi } from "@slack/bolt"
import { Redacted } from "effect"
import type { Settings } from "./Settings.ts"

/** Slack did not answer, or refused the token: the bot cannot work, so it does not start. */
export class SlackUnavailable extends Error {
  override readonly name = "SlackUnavailable"
}

const defaultApiUrl = "https://slack.com/api/"

/** Bounded: one attempt, no retries, 10 s. */
export const checkSlack = async (settings: Settings, timeoutMs = 10_000): Promise<void> => {
  const apiUrl = settings.apiUrl ?? defaultApiUrl
  const client = new webApi.WebClient(Redacted.value(settings.botToken), {
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: settings.apiUrl }),
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR
  })
  try {
    await client.auth.test()
  } catch (error) {
    const { code, data, original } = error as {
      code?: string
      data?: { error?: string }
      original?: { message?: string; cause?: { code?: string } }
    }
    if (code === webApi.ErrorCode.PlatformError) {
      throw new SlackUnavailable(
        `Slack refused SLACK_BOT_TOKEN (${data?.error ?? "auth.test failed"}): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions`
      )
    }
    throw new SlackUnavailable(
      `cannot reach Slack's Web API at ${apiUrl} (${[original?.message ?? (error as Error).message, original?.cause?.code].filter(Boolean).join(": ")}): ` +
        "check the network, or set SLACK_API_URL"
    )
  }
}
