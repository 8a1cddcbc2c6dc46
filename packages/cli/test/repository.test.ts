/**
 * The repository's own commands, as a newcomer runs them: a second `pnpm test` runs the tests again
 * (a replay of cached logs is not a test run), while the builds it depends on stay cached.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { expect, it } from "vitest"

const root = fileURLToPath(new URL("../../..", import.meta.url))

interface DryTask {
  readonly taskId: string
  readonly task: string
  readonly resolvedTaskDefinition: { readonly cache: boolean }
}

it("`pnpm test` never replays a cached test run, and keeps the build cache", () => {
  // What `pnpm test` (turbo run test) and `pnpm test:deno` would run, without running it.
  const dry = (task: string): ReadonlyArray<DryTask> =>
    JSON.parse(
      execFileSync(process.execPath, [`${root}/node_modules/turbo/bin/turbo`, "run", task, "--dry=json"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" }
      })
    ).tasks
  const tasks = [...dry("test"), ...dry("test:deno")]
  const tests = tasks.filter((task) => task.task === "test" || task.task === "test:deno")
  const builds = tasks.filter((task) => task.task === "build")
  expect(tests.map((task) => task.taskId)).toContain("@offerops/cli#test")
  expect(tests.map((task) => task.taskId)).toContain("@offerops/core#test:deno")
  expect(tests.filter((task) => task.resolvedTaskDefinition.cache)).toEqual([])
  expect(builds.length).toBeGreaterThan(0)
  expect(builds.filter((task) => !task.resolvedTaskDefinition.cache)).toEqual([])
})

it("`pnpm demo` runs the demo with its quiet build (see demo.test.ts)", () => {
  const { scripts } = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts: Record<string, string> }
  expect(scripts["demo"]).toBe("node scripts/demo.ts --build")
})
