/**
 * Server text is made inert where it is rendered: on a terminal with colours on, a service that puts
 * our own colour sequence (and a screen clear) into every field it sends cannot colour or clear the
 * screen; our own colours stay ours. A hostile server on 127.0.0.1 answers every read.
 */
import { type Handler, type Hostile, startHostile } from "@offerops/emulator"
import type { ServerResponse } from "node:http"
import { afterEach, describe, expect, it } from "vitest"
import { offeropsHere } from "./support.ts"

let server: Hostile | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const forged = (field: string) => `${field}\x1b[2J\x1b[31mFAKE`

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))

const submission = {
  id: "op-1",
  submissionType: forged("publish"),
  submissionState: forged("running"),
  slot: forged("preview"),
  changedTime: forged("2026-12-01"),
  offerVersion: 3
}

const operation = {
  id: "op-1",
  status: forged("running"),
  submissionType: forged("publish"),
  cancellationRequestState: forged("cannotCancel"),
  messages: [{ level: "error", messageHtml: forged("<b>message</b>") }],
  steps: [
    { stepName: forged("Certification"), status: forged("inProgress"), progressPercentage: 40, estimatedTimeFrame: forged("1 day") }
  ]
}

const serve: Handler = (request, response) => {
  const url = request.url ?? ""
  // One listed as running (so that cancel finds it), and one whose state itself is forged.
  if (url.includes("/submissions")) return json(response, 200, [{ ...submission, submissionState: "running" }, { ...submission, id: "op-0" }])
  if (url.includes("/operations/gone")) return json(response, 404, { error: { code: forged("Gone"), message: forged("no such operation") } })
  json(response, 200, operation)
}

const onTerminal = async (args: ReadonlyArray<string>, typed: ReadonlyArray<string> = []) => {
  server = await startHostile(serve)
  const env = { CPP_BASE_URL: server.url, CPP_TOKEN: "token", PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp" }
  const run = await offeropsHere(env, args, { typed })
  return run.stdout + run.stderr
}

/** Every FAKE the service sent shows its sequence escaped; no screen clear; our colours are there. */
const expectInert = (shown: string) => {
  expect(shown).toContain("FAKE")
  expect(shown.split("FAKE").length).toBe(shown.split("\\x1b[2J\\x1b[31mFAKE").length)
  expect(shown).not.toContain("\x1b[2J")
  expect(shown).not.toContain("\x1b[31mFAKE")
}

describe("an ESC in every server field of text output", () => {
  it("the operations table", async () => {
    expectInert(await onTerminal(["operations", "acme/vm"]))
  })

  it("one operation with its steps, in our colours", async () => {
    const shown = await onTerminal(["operations", "acme/vm", "op-1"])
    expectInert(shown)
    expect(shown).toContain("\x1b[33m") // our yellow for a running operation
  })

  it("cancel's prompt: what runs, its steps, the service's note", async () => {
    const shown = await onTerminal(["cancel", "acme/vm"], ["n"])
    expectInert(shown)
    expect(shown).toContain("cannotCancel\\x1b[2J")
  })

  it("an error's code and message, in the advice", async () => {
    expectInert(await onTerminal(["operations", "acme/vm", "gone"]))
  })
})
