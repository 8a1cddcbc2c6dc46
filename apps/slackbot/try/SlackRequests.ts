/**
 * Requests as Slack sends them, for the local stand-in and the tests: slash commands and block
 * actions as payloads (what a Socket Mode envelope carries) and as forms signed with the v0 scheme
 * (HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret) for HTTP.
 */
import { createHmac } from "node:crypto"

export const sign = (secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)) => ({
  "x-slack-request-timestamp": String(timestamp),
  "x-slack-signature": `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`
})

export interface CommandFields {
  readonly user_id: string
  readonly channel_id: string
  readonly text: string
  readonly response_url: string
}

export const commandPayload = (fields: CommandFields): Record<string, string> => ({
  token: "legacy-verification-token",
  team_id: "T0001",
  team_domain: "example",
  channel_name: "ops",
  user_name: fields.user_id.toLowerCase(),
  command: "/cancel-offer",
  api_app_id: "A0001",
  trigger_id: "1.2.3",
  ...fields
})

export const commandBody = (fields: CommandFields): string => new URLSearchParams(commandPayload(fields)).toString()

export interface ClickFields {
  readonly user_id: string
  readonly channel_id: string
  readonly action_id: string
  readonly value: string
  readonly response_url: string
}

export const blockActionPayload = (fields: ClickFields): Record<string, unknown> => ({
  type: "block_actions",
  team: { id: "T0001", domain: "example" },
  user: { id: fields.user_id, username: fields.user_id.toLowerCase(), team_id: "T0001" },
  api_app_id: "A0001",
  token: "legacy-verification-token",
  container: { type: "message", message_ts: "1700000000.000001", channel_id: fields.channel_id, is_ephemeral: true },
  trigger_id: "1.2.3",
  channel: { id: fields.channel_id, name: "ops" },
  response_url: fields.response_url,
  actions: [{
    type: "button",
    action_id: fields.action_id,
    block_id: "b1",
    value: fields.value,
    text: { type: "plain_text", text: "x" },
    action_ts: "1700000000.000002"
  }]
})

export const blockActionBody = (fields: ClickFields): string =>
  new URLSearchParams({ payload: JSON.stringify(blockActionPayload(fields)) }).toString()

/** POSTs a signed form to the bot; `timestamp`/`signature` override the honest ones. */
export const postSigned = (
  url: string,
  secret: string,
  body: string,
  overrides: { readonly timestamp?: number; readonly signature?: string } = {}
) => {
  const headers = sign(secret, body, overrides.timestamp)
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
      ...(overrides.signature === undefined ? {} : { "x-slack-signature": overrides.signature })
    },
    body
  })
}
