/**
 * `pnpm bench`'s start-up run still runs every case against the built bundle and prints the ratios
 * (one timed run each). The figures themselves are the bench's to judge, not this test's.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { expect, it } from "vitest"

it("the start-up bench runs every case, the same requests as its bare twin, and reports the ratios to bare fetch and to the floor", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [new URL("../bench/startup.mjs", import.meta.url).pathname], {
    env: { ...process.env, BENCH_RUNS: "1", BENCH_WARMUP: "1" },
    timeout: 120_000
  })
  const requests = (name: string) => {
    const row = new RegExp(`^  ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} +[\\d.]+ +[\\d.]+ +(\\d+)$`, "m").exec(stdout)
    expect(row, name).not.toBeNull()
    return Number(row![1])
  }
  for (const name of ["node -e 0 (floor)", "offerops --help", "offerops --version"]) expect(requests(name)).toBe(0)
  for (const [offerops, bare] of [["operations", "GET list"], ["watch (finished)", "GET operation"], ["cancel --yes", "4 requests"]]) {
    expect(requests(`offerops ${offerops}`)).toBe(requests(`bare: ${bare}`))
    expect(requests(`offerops ${offerops}`)).toBeGreaterThan(0)
  }
  // The floor programs make the request `operations` makes, or their ratios would mean nothing.
  for (const floor of ["floor: Effect+Schema+fetch", "floor: ... + effect/cli"]) expect(requests(floor)).toBe(requests("bare: GET list"))
  expect(stdout.match(/^  .+ +\d+\.\d\d +\d+\.\d\d$/gm)).toHaveLength(8)
  expect(stdout).toMatch(/^load average during the run: /m)
}, 130_000)
