import { Duration, Redacted } from "effect"
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { DatabaseError, defaultSqliteFile, describeDatabase, readAuditRetention, readDatabase } from "../../src/store/Database.ts"

describe("DATABASE_URL", () => {
  it("chooses SQLite at the default path, SQLite at a file, or Postgres with this replica's runner address", () => {
    expect(readDatabase({ HOME: "/home/bot" })).toEqual({ _tag: "Sqlite", filename: "/home/bot/.local/state/offerops/slackbot.sqlite", inDataDir: true })
    expect(readDatabase({ HOME: "/home/bot", XDG_STATE_HOME: "/state" })).toEqual({ _tag: "Sqlite", filename: `/state/offerops/${defaultSqliteFile}`, inDataDir: true })
    expect(readDatabase({ HOME: "/home/bot", XDG_STATE_HOME: "/state", OFFEROPS_DATA_DIR: "/var/lib/offerops" }))
      .toEqual({ _tag: "Sqlite", filename: "/var/lib/offerops/slackbot.sqlite", inDataDir: true })
    expect(readDatabase({ DATABASE_URL: "file:/var/lib/bot.sqlite" })).toEqual({ _tag: "Sqlite", filename: "/var/lib/bot.sqlite" })
    const postgres = readDatabase({ DATABASE_URL: "postgres://bot:s3cret@db:5432/offerops", OFFEROPS_RUNNER_ADDRESS: "10.0.0.7:34431" })
    expect(postgres).toMatchObject({ _tag: "Postgres", runner: { host: "10.0.0.7", port: 34431 } })
    if (postgres._tag !== "Postgres") throw new Error("not postgres")
    expect(Redacted.value(postgres.url)).toBe("postgres://bot:s3cret@db:5432/offerops")
    expect(describeDatabase(postgres)).toBe("postgres://db:5432/offerops")
  })

  it("refuses what it cannot use, without echoing a password", () => {
    const bad = readDatabase({ DATABASE_URL: "mysql://root:hunter2@db/x" })
    expect(bad).toBeInstanceOf(DatabaseError)
    expect((bad as DatabaseError).message).not.toContain("hunter2")
    expect(readDatabase({ DATABASE_URL: "postgres://db/x", OFFEROPS_RUNNER_ADDRESS: "no-port" })).toBeInstanceOf(DatabaseError)
    expect(readDatabase({ DATABASE_URL: "file:" })).toBeInstanceOf(DatabaseError)
  })

  it("#23: takes a password with unencoded /, @ or % as the password, encoded for the driver", () => {
    const postgres = readDatabase({ DATABASE_URL: "postgres://u:Zx9/abc@db:5432/x", OFFEROPS_RUNNER_ADDRESS: "h:1" })
    if (postgres._tag !== "Postgres") throw new Error("not postgres")
    expect(Redacted.value(postgres.url)).toBe("postgres://u:Zx9%2Fabc@db:5432/x")
    expect(describeDatabase(postgres)).toBe("postgres://db:5432/x")
    const odd = readDatabase({ DATABASE_URL: "postgres://u:p@ss%w0rd#?@db/x", OFFEROPS_RUNNER_ADDRESS: "h:1" })
    if (odd._tag !== "Postgres") throw new Error("not postgres")
    expect(new URL(Redacted.value(odd.url)).password).toBe(encodeURIComponent("p@ss%w0rd#?"))
    const unreadable = readDatabase({ DATABASE_URL: "postgres://u:hunter2@/x" })
    expect(unreadable).toBeInstanceOf(DatabaseError)
    expect((unreadable as DatabaseError).message).not.toContain("hunter2")
  })

  it("reads the audit retention in days, 90 by default", () => {
    expect(readAuditRetention({})).toEqual(Duration.days(90))
    expect(readAuditRetention({ OFFEROPS_AUDIT_RETENTION_DAYS: "400" })).toEqual(Duration.days(400))
    expect(readAuditRetention({ OFFEROPS_AUDIT_RETENTION_DAYS: "0" })).toBeInstanceOf(DatabaseError)
    expect(readAuditRetention({ OFFEROPS_AUDIT_RETENTION_DAYS: "a while" })).toBeInstanceOf(DatabaseError)
  })

  it("stops the bot with exit 2 and one clear line when the database cannot be opened or reached", () => {
    const bin = fileURLToPath(new URL("../../bin/slackbot.js", import.meta.url))
    for (const [url, says] of [
      ["file:/nonexistent-dir/for/sure/bot.sqlite", "cannot open or migrate the database sqlite:/nonexistent-dir/for/sure/bot.sqlite"],
      ["postgres://bot:hunter2@127.0.0.1:1/offerops", "cannot open or migrate the database postgres://127.0.0.1:1/offerops"],
      // #23: an unencoded `/` (and `@`) in the password is read as the password, not as the path.
      ["postgres://bot:hun/ter@2hunter2@127.0.0.1:1/offerops", "cannot open or migrate the database postgres://127.0.0.1:1/offerops"]
    ] as const) {
      const run = spawnSync(process.execPath, [bin], {
        env: { ...process.env, SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-x", PORT: "0", DATABASE_URL: url },
        encoding: "utf8",
        timeout: 60_000
      })
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(says)
      expect(run.stderr).not.toContain("hunter2")
      expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    }
  }, 120_000)
})
