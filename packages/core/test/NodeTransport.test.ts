/**
 * The Node transport over real sockets: however many requests run at once, it opens no more
 * connections to the service than `maxConnections`; the rest wait for one and still succeed. Behind
 * HTTP_PROXY/HTTPS_PROXY the same holds for the tunnels through the proxy.
 */
import { assert, describe, it } from "@effect/vitest"
import { startConnectProxy } from "@offerops/emulator"
import { ConfigProvider, Effect } from "effect"
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

  it.live("behind a proxy, goes through it, over at most maxConnections connections", () =>
    Effect.gen(function*() {
      const service = yield* slowService
      const proxy = yield* Effect.acquireRelease(Effect.promise(() => startConnectProxy()), (proxy) => Effect.promise(() => proxy.close()))
      const read = CppClient.use((client) => client.getOperation("/api/publishers/p/offers/o/operations/op-1"))
      // The service is on 127.0.0.1, which is reached directly unless NO_PROXY says otherwise.
      const env = { CPP_TOKEN: "t0ken", HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: "intranet.example" }
      const reads = yield* Effect.all(Array.from({ length: 20 }, () => read), { concurrency: "unbounded" }).pipe(
        Effect.provide(cppClientNode({ baseUrl: service.url, maxConnections: 3 })),
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord(env)))
      )
      assert.strictEqual(reads.length, 20)
      // Every connection is a tunnel, plain http too: the pool's bound holds for them.
      const host = new URL(service.url).host
      assert.deepStrictEqual(proxy.forwarded, [])
      assert.isAtLeast(proxy.tunnels.length, 1)
      assert.isAtMost(proxy.tunnels.length, 3)
      assert.isTrue(proxy.tunnels.every((tunnel) => tunnel === host))
      assert.isAtMost(proxy.connections(), 3)
      assert.isAtMost(service.connections(), 3)
    }).pipe(Effect.scoped), 20_000)
})
