/**
 * `pnpm bench`'s start-up run still runs every case against the built bundle and prints the ratios
 * (one timed run each). The figures themselves are the bench's to judge, not this test's.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { expect, it } from "vitest"

it("the start-up bench runs every case and reports the three ratios", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [new URL("../bench/startup.mjs", import.meta.url).pathname], {
    env: { ...process.env, BENCH_RUNS: "1" },
    timeout: 120_000
  })
  for (const name of ["node -e 0 (floor)", "bare: GET list", "offerops --help", "offerops operations", "bare: 3 requests", "offerops cancel --yes"]) {
    expect(stdout).toMatch(new RegExp(`^  ${name.replace(/[()]/g, "\\$&")} +[\\d.]+ +[\\d.]+$`, "m"))
  }
  expect(stdout.match(/^  .+ +\d+\.\d\d +\d+\.\d\d$/gm)).toHaveLength(3)
}, 130_000)
