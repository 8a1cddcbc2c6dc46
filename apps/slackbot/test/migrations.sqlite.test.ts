/**
 * A database made by an earlier bot, with its rows, upgraded at start: a confirmation issued before
 * the upgrade still cancels, an offer held then is still held, the audit trail is still read. And
 * an older bot on a database a newer one upgraded refuses with one line and changes nothing.
 */
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect } from "effect"
import { Migrator, SqlClient } from "effect/sql"
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { commandBody, postSigned } from "../try/SlackRequests.ts"
import { schemaSteps, schemaVersion } from "../src/store/Database.ts"
import { type BotBench, startBotBench } from "./support/BotBench.ts"
import { eventually } from "./support/eventually.ts"
import { channel, text } from "./support/SlackUser.ts"

const requester = "U0ALLOWED"
const secret = "migration-test-signing-secret"

/** Runs `body` on the SQLite file, migrated to `version` with the steps a bot of that version had. */
const atVersion = <A>(file: string, version: number, body: Effect.Effect<A, unknown, SqlClient.SqlClient>) => {
  const steps = Object.fromEntries(Object.entries(schemaSteps).filter(([id]) => Number.parseInt(id, 10) <= version))
  return Effect.runPromise(
    Migrator.make({})({ loader: Migrator.fromRecord(steps), table: "offerops_migrations" }).pipe(
      Effect.andThen(body),
      Effect.provide(SqliteClient.layer({ filename: file })),
      Effect.scoped
    )
  )
}

const earlierVersions = Array.from({ length: schemaVersion - 1 }, (_, index) => index + 1)

describe("a database made by an earlier bot (SQLite)", () => {
  let bench: BotBench
  beforeAll(async () => {
    bench = await startBotBench({ secret, allowed: [requester] })
  })
  afterAll(() => bench.close())

  it.each(earlierVersions)("at schema version %i is upgraded at start, and the bot carries on with its rows", async (version) => {
    const file = join(bench.dir, `v${version}.sqlite`)
    const pending = bench.emulator.startOperation(...offer(`pending${version}`))
    bench.emulator.startOperation(...offer(`held${version}`))
    const now = Date.now()
    await atVersion(file, version, Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`INSERT INTO offerops_confirmations ${
        sql.insert({
          id: `c-pending-${version}`,
          requester,
          channel,
          offer: `contoso/pending${version}`,
          operation_id: pending.id,
          operation_type: "publish",
          emails: "[]",
          created_at: now,
          expires_at: now + 600_000,
          used_at: null
        })
      }`
      yield* sql`INSERT INTO offerops_offer_holds ${
        sql.insert({ offer: `contoso/held${version}`, held_by: "U0EARLIER", confirmation_id: `c-held-${version}`, since: now, cancel_attempts: 0 })
      }`
      yield* sql`INSERT INTO offerops_audit ${
        sql.insert({
          id: `a-${version}`,
          at: now - 60_000,
          event: "outcome",
          who: "U0EARLIER",
          place: channel,
          offer: `contoso/pending${version}`,
          requester: "U0EARLIER",
          confirmation: "c-old",
          operation_id: "op-old",
          location: null,
          result: "canceled",
          duration_ms: 1234
        })
      }`
    }))

    const bot = await bench.start({ DATABASE_URL: `file:${file}` })
    // The audit rows of the earlier bot are read.
    const history = await command(bot.url, `history contoso/pending${version}`)
    expect(history).toContain("U0EARLIER")
    // The confirmation issued before the upgrade cancels what it named.
    const clicked = await bench.users.click(bot.url, requester, `c-pending-${version}`)
    await eventually(() => bench.users.postsTo(clicked).some((post) => post.body.response_type === "in_channel"), 60_000)
    expect(bench.cancelPosts(`pending${version}`)).toHaveLength(1)
    expect(bench.emulator.operation(pending.id)?.status).toBe("canceled")
    // The offer held before the upgrade is still held: a new confirm for it is refused.
    const value = await bench.users.command(bot.url, requester, `contoso/held${version}`)
    const refused = await bench.users.click(bot.url, requester, value)
    await eventually(() => bench.users.postsTo(refused).length > 0, 30_000)
    expect(text(bench.users.postsTo(refused)[0])).toContain("is already in progress")
    expect(bench.cancelPosts(`held${version}`)).toHaveLength(0)
    expect(await bot.kill("SIGTERM")).toBe(0)
    const applied = await atVersion(file, 0, Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT migration_id FROM offerops_migrations`))
    expect(applied.map((row) => Number(row.migration_id)).sort()).toEqual(Object.keys(schemaSteps).map((id) => Number.parseInt(id, 10)).sort())
  }, 240_000)

  it("made newer than this bot knows is refused at start with one line, and left as it was", async () => {
    const file = join(bench.dir, "newer.sqlite")
    const newer = schemaVersion + 1
    await atVersion(file, schemaVersion, Effect.flatMap(SqlClient.SqlClient, (sql) =>
      sql`INSERT INTO offerops_migrations ${sql.insert({ migration_id: newer, name: "from_the_future" })}`))
    const before = readFileSync(file)
    const bin = fileURLToPath(new URL("../bin/slackbot.js", import.meta.url))
    const run = spawnSync(process.execPath, [bin], {
      env: { PATH: process.env["PATH"] ?? "", SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: "xoxb-x", PORT: "0", CPP_TOKEN: "t", DATABASE_URL: `file:${file}` },
      encoding: "utf8",
      timeout: 60_000
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(
      `offerops-slackbot: the database sqlite:${file} has schema version ${newer}, newer than this offerops-slackbot knows (${schemaVersion}): ` +
        "a newer version of the bot upgraded it; run that version (or newer) against it. Nothing was changed.\n"
    )
    expect(readFileSync(file).equals(before)).toBe(true)
  }, 120_000)

  const offer = (name: string) => {
    bench.emulator.addOffer("contoso", name, { cancel: "sync" })
    return ["contoso", name, "publish"] as const
  }

  /** A command whose answer is not a confirmation: the text the requester sees. */
  const command = async (botUrl: string, commandText: string) => {
    const responseUrl = bench.slack.responseUrl()
    const response = await postSigned(`${botUrl}/slack/events`, secret, commandBody({ user_id: requester, channel_id: channel, text: commandText, response_url: responseUrl }))
    expect(response.status).toBe(200)
    const id = responseUrl.split("/").pop() ?? ""
    await eventually(() => bench.slack.responses.some((post) => post.id === id), 30_000)
    return text(bench.slack.responses.find((post) => post.id === id))
  }
})
