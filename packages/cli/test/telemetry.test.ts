/**
 * A pipeline that traces its runs: with OTEL_EXPORTER_OTLP_ENDPOINT set, the built CLI sends the
 * run's spans and the API's request count to a local OTLP/HTTP receiver (a real node:http server)
 * before it exits, and nothing of the token; without it, nothing is sent.
 */
import { once } from "node:events"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { offerops, useEmulator } from "./support.ts"

const cpp = useEmulator((emulator) => {
  emulator.addOffer("acme", "vm")
  emulator.startOperation("acme", "vm")
})

const received: Array<{ readonly path: string; readonly text: string }> = []
const receiver = createServer((request, response) => {
  let text = ""
  request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => {
    received.push({ path: request.url ?? "", text })
    response.writeHead(200, { "content-type": "application/json" }).end("{}")
  })
})
beforeAll(async () => {
  receiver.listen(0, "127.0.0.1")
  await once(receiver, "listening")
})
afterAll(() => receiver.close())

describe("OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("sends the run's spans and request counts before exit, without the token", async () => {
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
    const run = await offerops(cpp.env, ["operations", "acme/vm", "--output", "json"], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }
    })
    expect(run.code).toBe(0)
    const traces = received.filter((body) => body.path === "/v1/traces").map((body) => body.text).join("\n")
    const metrics = received.filter((body) => body.path === "/v1/metrics").map((body) => body.text).join("\n")
    expect(traces).toContain(`"name":"CppClient.listSubmissions"`)
    expect(traces).toContain(`"stringValue":"offerops"`) // service.name
    expect(metrics).toContain(`"name":"offerops_cpp_requests_total"`)
    expect(received.map((body) => body.text).join("\n")).not.toContain(cpp.token)
  })

  it("sends nothing when it is not set", async () => {
    received.length = 0
    const run = await offerops(cpp.env, ["operations", "acme/vm", "--output", "json"])
    expect(run.code).toBe(0)
    expect(received).toEqual([])
  })
})
