/**
 * A forward proxy as corporate networks run them, for tests on 127.0.0.1: it answers CONNECT by
 * opening a tunnel to the named host and port and then only copies bytes, so for https it sees the
 * CONNECT line and encrypted bytes; a plain http request (`GET http://…`) it forwards, seeing it
 * whole. It records everything, for a test to assert what went through it and that no secret did.
 */
import * as Http from "node:http"
import { type AddressInfo, connect, type Socket } from "node:net"

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY. */
  readonly url: string
  /** The `host:port` of each CONNECT, in order. */
  readonly tunnels: ReadonlyArray<string>
  /** The absolute URL of each plain http request forwarded, in order. */
  readonly forwarded: ReadonlyArray<string>
  /** Connections clients opened to the proxy. */
  readonly connections: () => number
  /** Every byte that passed through the proxy, both ways, as Latin-1 text (for `includes`). */
  readonly seen: () => string
  readonly close: () => Promise<void>
}

export const startConnectProxy = async (): Promise<ConnectProxy> => {
  const tunnels: Array<string> = []
  const forwarded: Array<string> = []
  let connections = 0
  const chunks: Array<Buffer> = []
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
    socket.on("error", () => socket.destroy())
  }
  const server = Http.createServer((request, response) => {
    const target = request.url ?? ""
    forwarded.push(target)
    chunks.push(Buffer.from(`${request.method} ${target}\n${JSON.stringify(request.headers)}\n`, "latin1"))
    if (!URL.canParse(target) || new URL(target).protocol !== "http:") return void response.writeHead(400).end()
    const upstream = Http.request(target, { method: request.method ?? "GET", headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    upstream.on("error", () => response.writeHead(502).end())
    request.pipe(upstream)
  })
  server.on("connection", (socket: Socket) => {
    connections++
    track(socket)
  })
  server.on("connect", (request: Http.IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? ""
    tunnels.push(target)
    chunks.push(Buffer.from(`CONNECT ${target}\n${JSON.stringify(request.headers)}\n`, "latin1"), head)
    const at = target.lastIndexOf(":")
    const upstream = connect(Number(target.slice(at + 1)), target.slice(0, at).replace(/^\[|\]$/g, ""), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
      if (head.length > 0) upstream.write(head)
      client.on("data", (chunk: Buffer) => chunks.push(chunk))
      upstream.on("data", (chunk: Buffer) => chunks.push(chunk))
      client.pipe(upstream).pipe(client)
    })
    track(upstream)
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"))
    upstream.on("close", () => client.destroy())
    client.on("close", () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    connections: () => connections,
    seen: () => Buffer.concat(chunks).toString("latin1"),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
