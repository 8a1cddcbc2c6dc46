/**
 * The bot against a hostile CPP API (a real server on 127.0.0.1): an endless body, control
 * characters and an error body echoing the token still get an answer and an audit line, and no
 * raw control character or token reaches Slack.
 */
import type { ServerResponse } from "node:http"
import { endless, type Hostile, startHostile } from "@offerops/emulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually } from "./support/eventually.ts"
import { type Harness, signingSecret, startHarness } from "./support/Harness.ts"
import { commandBody, postSigned } from "./support/SlackRequests.ts"

const requester = "U0ALLOWED"
const channel = "C0OPS"
const rawControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))

describe("the bot against a hostile API", () => {
  let h: Harness
  let server: Hostile
  beforeAll(async () => {
    server = await startHostile((request, response, wrote) => {
      const offer = /\/offers\/([^/]+)\//.exec(request.url ?? "")?.[1]
      if (offer === "endless") {
        response.writeHead(200, { "content-type": "application/json" })
        return endless(response, wrote)
      }
      if (offer === "echo") {
        return json(response, 400, { error: { code: "Echo", message: `got ${request.headers.authorization}` } })
      }
      json(response, 200, [{ id: "op-1\x1b]0;pwned\x07", submissionType: "publish\x1b[2J", submissionState: "running", slot: "preview\x9b31m\u202e" }])
    })
    h = await startHarness({ allow: [{ users: [requester], publishers: ["contoso"] }] }, "http", { CPP_BASE_URL: server.url })
  })
  afterAll(async () => {
    await h.close()
    await server.close()
  })

  const ask = async (text: string) => {
    const responseUrl = h.slack.responseUrl()
    const id = responseUrl.split("/").pop() ?? ""
    const response = await postSigned(h.events, signingSecret, commandBody({ user_id: requester, channel_id: channel, text, response_url: responseUrl }))
    expect(response.status).toBe(200)
    await eventually(() => h.slack.responses.some((post) => post.id === id), 30_000)
    return JSON.stringify(h.slack.responses.find((post) => post.id === id)?.body ?? {})
  }

  it("answers an endless body with what went wrong, and audits it", async () => {
    const said = await ask("contoso/endless")
    expect(said).toContain("does not understand")
    await eventually(() => h.audit.some((line) => line.offer === "contoso/endless"))
    expect(h.audit.find((line) => line.offer === "contoso/endless")).toMatchObject({ result: "error:InvalidResponse" })
  }, 40_000)

  it("shows control characters from the service escaped", async () => {
    const said = JSON.parse(await ask("status contoso/evil")) as unknown
    const strings = collectStrings(said).join("\n")
    expect(strings).not.toMatch(rawControl)
    expect(strings).toContain("op-1\\x1b]0;pwned\\x07")
  }, 40_000)

  it("never posts the token an error body echoes", async () => {
    const said = await ask("contoso/echo")
    expect(said).toContain("Bearer &lt;redacted&gt;")
    expect(said).not.toMatch(/Bearer ey/)
  }, 40_000)
})

const collectStrings = (value: unknown): Array<string> =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
    ? value.flatMap(collectStrings)
    : typeof value === "object" && value !== null
    ? Object.values(value).flatMap(collectStrings)
    : []
