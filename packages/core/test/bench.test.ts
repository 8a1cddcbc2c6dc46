/**
 * `pnpm bench`'s scale run still runs and prints its figures (a small one: 50 waits of 2 s). The
 * figures themselves are the bench's to judge, not this test's.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { expect, it } from "vitest"

it("the scale bench runs and reports every figure beside the targets", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [new URL("../bench/scale.mjs", import.meta.url).pathname], {
    env: { ...process.env, BENCH_WAITS: "50", BENCH_OPERATION_SECONDS: "2" },
    timeout: 120_000
  })
  // waits, missed, reads, CPU ms/req, peak RSS, heap KB/wait, loop p99, detection p50 and p99.
  expect(stdout).toMatch(/^ +50 +0 +\d+ +\d+\.\d{3} +\d+ +-?\d+\.\d +\d+ +\d+ +\d+$/m)
  expect(stdout).toContain("targets at 10,000:")
}, 130_000)
