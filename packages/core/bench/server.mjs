// The scale bench's service, in a process of its own so that its work never lands on the client's
// event loop. Stateless: an operation's id is the epoch millisecond it ends at, so any number of
// operations cost nothing to hold. It answers GET .../operations/<end> with the operation, running
// (Retry-After: 2) until that moment, then succeeded. Prints its URL as one JSON line; answers
// GET /stats with the number of operation reads; exits on SIGTERM or when its parent goes away.
import { createServer } from "node:http"

const retryAfter = process.env.BENCH_RETRY_AFTER ?? "2"
let reads = 0

// Shaped like the documented sample (steps with messages), so decoding costs what it would.
const step = (id, status) => ({
  id,
  stepName: id,
  description: `The ${id} step`,
  status,
  estimatedTimeFrame: "15 minutes",
  progressPercentage: status === "complete" ? 100 : 40,
  messages: [{ messageHtml: `<b>${id}</b> is ${status}`, level: "information", timestamp: "2026-12-01T10:00:00Z" }]
})
const body = (id, running) =>
  JSON.stringify({
    id,
    status: running ? "running" : "succeeded",
    submissionType: "Publish",
    publishingVersion: 2,
    offerVersion: 7,
    cancellationRequestState: "canCancel",
    createdDateTime: "2026-12-01T10:00:00Z",
    lastActionDateTime: "2026-12-01T10:00:01Z",
    messages: [],
    steps: [
      step("validation", "complete"),
      step("publisher-signoff", "complete"),
      step("deployment", running ? "running" : "complete"),
      step("live", running ? "notStarted" : "complete")
    ],
    previewLinks: [],
    liveLinks: []
  })

const server = createServer({ keepAliveTimeout: 120_000 }, (request, response) => {
  const match = /\/operations\/(\d+)(?:\?|$)/.exec(request.url ?? "")
  if (match !== null) {
    reads++
    const running = Date.now() < Number(match[1])
    const json = body(match[1], running)
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
      ...(running ? { "retry-after": retryAfter } : {})
    })
    response.end(json)
  } else if (request.url === "/stats") {
    response.writeHead(200, { "content-type": "application/json" })
    response.end(JSON.stringify({ reads }))
  } else {
    response.writeHead(404).end()
  }
})
server.maxConnections = 20_000
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }))
})
const stop = () => server.close(() => process.exit(0)) && server.closeAllConnections()
process.once("SIGTERM", stop)
process.once("disconnect", stop)
