/**
 * What a monitoring system receives: a bot process with `OTEL_EXPORTER_OTLP_ENDPOINT` pointing at a
 * local OTLP/HTTP receiver (a real node:http server), one confirmed cancel through it, and then the
 * receiver holds the cancel's trace (the workflow's span with the list, the POST and the polls under
 * it, the offer and confirmation as attributes), the command's and the click's spans, and the
 * metrics; a scrape of /metrics shows the counters. No exported byte holds a token or secret.
 */
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BotBench, startBotBench } from "./support/BotBench.ts"
import { eventually } from "./support/eventually.ts"

const requester = "U0ALLOWED"
const secret = "telemetry-test-signing-secret-4f1c"

interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: { readonly stringValue?: string } }>
}

/** An OTLP/HTTP receiver for JSON: what arrived at /v1/traces and /v1/metrics, as received. */
const startReceiver = async () => {
  const bodies: Array<{ readonly path: string; readonly text: string }> = []
  const server: Server = createServer((request, response) => {
    let text = ""
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => {
      bodies.push({ path: request.url ?? "", text })
      response.writeHead(200, { "content-type": "application/json" }).end("{}")
    })
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const parsed = (path: string) => bodies.filter((body) => body.path === path).map((body) => JSON.parse(body.text) as Record<string, any>)
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    spans: (): Array<Span> =>
      parsed("/v1/traces").flatMap((body) => body.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans))),
    metricNames: (): Set<string> =>
      new Set(parsed("/v1/metrics").flatMap((body) => body.resourceMetrics.flatMap((r: any) => r.scopeMetrics.flatMap((s: any) => s.metrics.map((m: any) => m.name))))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const attribute = (span: Span, key: string) => span.attributes.find((entry) => entry.key === key)?.value.stringValue

describe("traces and metrics", () => {
  let bench: BotBench
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    ;[bench, receiver] = await Promise.all([startBotBench({ secret, allowed: [requester] }), startReceiver()])
  })
  afterAll(async () => {
    await bench.close()
    await receiver.close()
  })

  it("exports one cancellation's trace with its children, and the metrics; /metrics shows the counters; nothing secret leaves", async () => {
    bench.emulator.addOffer("contoso", "traced", { cancel: "async", cancelCompletesAfter: { polls: 2 } })
    const operation = bench.emulator.startOperation("contoso", "traced", "publish")
    // One refused list, retried: a 503 and a retry to count.
    bench.emulator.addFault({ route: "/api/publishers/contoso/offers/traced/submissions", method: "GET", kind: "status", status: 503, times: 1 })
    const bot = await bench.start({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "200",
      OTEL_METRIC_EXPORT_INTERVAL: "500",
      DATABASE_URL: `file:${bench.dir}/telemetry.sqlite`
    })
    const value = await bench.users.command(bot.url, requester, "contoso/traced")
    const clicked = await bench.users.click(bot.url, requester, value)
    await eventually(() => bench.users.postsTo(clicked).some((post) => post.body.response_type === "in_channel"), 60_000)
    await eventually(() => bot.audit.some((line) => line.event === "outcome"), 30_000)
    expect(bench.emulator.operation(operation.id)?.status).toBe("canceled")

    const scrape = await (await fetch(`${bot.url}/metrics`)).text()
    expect(scrape).toContain(`offerops_slackbot_commands_total{kind="cancel"} 1`)
    expect(scrape).toContain(`offerops_slackbot_clicks_total{button="confirmCancel"} 1`)
    expect(scrape).toMatch(/offerops_slackbot_cancellations_total\{outcome="canceled"\} 1/)
    expect(scrape).toMatch(/offerops_slackbot_ack_seconds_count \d+/)
    expect(scrape).toContain("offerops_slackbot_workflows_in_flight 0")
    expect(scrape).toMatch(/offerops_cpp_requests_total\{method="GET",status="503"\} 1/)
    expect(scrape).toMatch(/offerops_cpp_requests_total\{method="POST",status="202"\} 1/)
    expect(scrape).toMatch(/offerops_cpp_retries_total\{method="GET"\} 1/)

    // SIGTERM flushes what is left.
    expect(await bot.kill("SIGTERM")).toBe(0)
    const spans = receiver.spans()
    const workflow = spans.find((span) => span.name === "CancelWorkflow")
    expect(workflow).toBeDefined()
    expect(attribute(workflow!, "offerops.offer")).toBe("contoso/traced")
    expect(attribute(workflow!, "offerops.confirmation")).toBe(value.slice(0, 8))
    const parent = new Map(spans.map((span) => [span.spanId, span.parentSpanId]))
    const under = (span: Span, ancestor: Span) => {
      for (let id = span.parentSpanId; id !== undefined && id !== ""; id = parent.get(id)) if (id === ancestor.spanId) return true
      return false
    }
    const children = spans.filter((span) => span.traceId === workflow!.traceId && under(span, workflow!)).map((span) => span.name)
    expect(children).toEqual(expect.arrayContaining(["CppClient.listSubmissions", "cancel", "CppClient.cancelOffer", "poll-1"]))
    const command = spans.find((span) => span.name === "handleCommand")
    expect(command && attribute(command, "offerops.command")).toBe("cancel")
    const click = spans.find((span) => span.name === "confirmCancel" && attribute(span, "offerops.confirmation") !== undefined)
    expect(click && attribute(click, "offerops.confirmation")).toBe(value.slice(0, 8))

    await eventually(() => receiver.metricNames().has("offerops_slackbot_cancellations_total"), 10_000)
    expect([...receiver.metricNames()]).toEqual(expect.arrayContaining([
      "offerops_slackbot_commands_total",
      "offerops_slackbot_clicks_total",
      "offerops_slackbot_cancellations_total",
      "offerops_slackbot_ack_seconds",
      "offerops_slackbot_workflows_in_flight",
      "offerops_cpp_requests_total",
      "offerops_cpp_retries_total"
    ]))
    const exported = receiver.bodies.map((body) => body.text).join("\n")
    for (const secretValue of [secret, "xoxb-fake", bench.env["CPP_TOKEN"]!, value]) expect(exported).not.toContain(secretValue)
  }, 240_000)
})
