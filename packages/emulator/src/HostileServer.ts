/**
 * Not the emulator: a deliberately hostile HTTP server on 127.0.0.1 for one test, answering (or not)
 * as the test's handler says — never, endlessly, hugely, with control characters — and recording
 * each request and how much it managed to write before the client hung up.
 */
import * as Http from "node:http"
import type { AddressInfo, Socket } from "node:net"

export interface Hostile {
  readonly url: string
  readonly requests: Array<{ readonly method: string; readonly url: string; readonly authorization: string | undefined }>
  /** Resolves when the server has received `count` requests. */
  readonly received: (count?: number) => Promise<void>
  /** Resolves when every connection the server accepted has been closed (by us hanging up). */
  readonly hungUp: () => Promise<void>
  /** Bytes of response bodies written so far, across requests. */
  readonly bytesWritten: () => number
  readonly close: () => Promise<void>
}

export type Handler = (request: Http.IncomingMessage, response: Http.ServerResponse, wrote: (bytes: number) => void) => void

export const startHostile = async (handler: Handler): Promise<Hostile> => {
  const requests: Hostile["requests"] = []
  const waiters: Array<{ readonly count: number; readonly resolve: () => void }> = []
  const sockets = new Set<Socket>()
  let written = 0
  const server = Http.createServer((request, response) => {
    requests.push({ method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization })
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve()
    handler(request, response, (bytes) => {
      written += bytes
    })
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count = 1) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    hungUp: async () => {
      while (sockets.size > 0) await new Promise((resolve) => setTimeout(resolve, 10))
    },
    bytesWritten: () => written,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** Writes `chunk` for as long as the client reads, never ending the body. */
export const endless = (response: Http.ServerResponse, wrote: (bytes: number) => void, chunk = "x".repeat(64 * 1024)) => {
  const pump = () => {
    while (!response.destroyed) {
      wrote(chunk.length)
      if (!response.write(chunk)) return void response.once("drain", pump)
    }
  }
  response.on("close", () => response.removeAllListeners("drain"))
  pump()
}
