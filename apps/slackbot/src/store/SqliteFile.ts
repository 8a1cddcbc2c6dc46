/**
 * The SQLite file is private: it holds Slack `response_url`s and who asked for what. Before SQLite
 * opens it, its directory is made (0700) and the file created 0600 — SQLite gives its `-wal` and
 * `-shm` files the database file's mode — and a file an older bot made with looser modes is
 * tightened. A start that fails afterwards takes back what this start created, so nothing is left
 * behind by a bot that never ran.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmdirSync, rmSync, statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { DatabaseError } from "./Database.ts"

export interface PreparedFile {
  /** Removes the file (and its journal) and the directories, if this start created them. */
  undo(): void
}

// `.lock` is the one-bot-per-file lock (Database.ts), made here so that it too is private.
const companions = ["-wal", "-shm", "-journal", ".lock"]

/** Fails with one line naming the path and what to set when the directory or file cannot be made. */
export const prepareSqliteFile = (filename: string, makeDirectory: boolean): PreparedFile | DatabaseError => {
  const file = resolve(filename)
  // A `file:` path in a directory that does not exist is refused by SQLite, with its own message.
  if (!makeDirectory && !existsSync(dirname(file))) return { undo: () => {} }
  try {
    return prepare(file)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return new DatabaseError({
      message: `cannot create the database file ${filename} (${reason}); set OFFEROPS_DATA_DIR to a directory the bot may write, or DATABASE_URL=file:<path>`
    })
  }
}

const prepare = (file: string): PreparedFile => {
  const dir = dirname(file)
  const firstDir = existsSync(dir) ? undefined : mkdirSync(dir, { recursive: true, mode: 0o700 })
  const created = !existsSync(file)
  const lockCreated = !existsSync(file + ".lock")
  if (created) closeSync(openSync(file, "wx", 0o600))
  if (lockCreated) closeSync(openSync(file + ".lock", "wx", 0o600))
  if (!created) {
    for (const path of [file, ...companions.map((suffix) => file + suffix)]) {
      if (!existsSync(path)) continue
      const { uid, mode } = statSync(path)
      if (uid === process.getuid?.() && (mode & 0o077) !== 0) chmodSync(path, mode & 0o700)
    }
  }
  return {
    undo: () => {
      if (created) for (const path of [file, ...companions.map((suffix) => file + suffix)]) rmSync(path, { force: true })
      else if (lockCreated) rmSync(file + ".lock", { force: true })
      if (firstDir === undefined) return
      // From the deepest directory made up to the first: each only if it is empty.
      for (let path = dir; path.length >= firstDir.length; path = dirname(path)) {
        try {
          rmdirSync(path)
        } catch {
          return
        }
      }
    }
  }
}
