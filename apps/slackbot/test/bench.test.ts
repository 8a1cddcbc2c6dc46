/**
 * `pnpm bench`'s ack run still runs against the bot and the bare Bolt app and prints both and their
 * ratios (one small round). The figures themselves are the bench's to judge, not this test's.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { expect, it } from "vitest"

it("the ack bench runs both apps and reports p50, p99 and their ratios", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [new URL("../bench/ack.mjs", import.meta.url).pathname], {
    env: { ...process.env, BENCH_ROUNDS: "1", BENCH_REQUESTS: "10", BENCH_CONCURRENCY: "5" },
    timeout: 120_000
  })
  expect(stdout).toMatch(/^ +bare +p50 +[\d.]+ ms +p99 +[\d.]+ ms$/m)
  expect(stdout).toMatch(/^ +bot +p50 +[\d.]+ ms +p99 +[\d.]+ ms$/m)
  expect(stdout).toMatch(/bot\/bare \(goal ≤ 1\.3\): p50 [\d.]+x, p99 [\d.]+x/)
}, 130_000)
