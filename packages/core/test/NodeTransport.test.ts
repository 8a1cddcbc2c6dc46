/**
 * The Node transport over real sockets: however many requests run at once, it opens no more
 * connections to the service than `maxConnections`; the rest wait for one and still succeed.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { CppClient } from "../src/CppClient.ts"
import { cppClientNode } from "../src/node.ts"

const operation = JSON.stringify({ id: "op-1", status: "running" })

/** A service that answers each read after a short pause, counting the connections made to it. */
const slowService = Effect.acquireRelease(
  Effect.callback<{ readonly server: Server; readonly url: string; readonly connections: () => number }>((resume) => {
    let connections = 0
    const server = createServer((_request, response) => {
      setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end(operation), 50)
    })
    server.on("connection", () => connections++)
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        connections: () => connections
      })))
  }),
  ({ server }) =>
    Effect.callback<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
)

describe("Node transport", () => {
  it.live("opens at most maxConnections connections, however many requests run at once", () =>
    Effect.gen(function*() {
      const service = yield* slowService
      process.env.CPP_TOKEN = "t0ken"
      const read = CppClient.use((client) => client.getOperation("/api/publishers/p/offers/o/operations/op-1"))
      const reads = yield* Effect.all(Array.from({ length: 40 }, () => read), { concurrency: "unbounded" }).pipe(
        Effect.provide(cppClientNode({ baseUrl: service.url, maxConnections: 4 }))
      )
      assert.strictEqual(reads.length, 40)
      assert.isTrue(reads.every((operation) => operation.state === "running"))
      assert.isAtMost(service.connections(), 4)
      assert.isAtLeast(service.connections(), 2)
    }).pipe(Effect.scoped), 20_000)
})
