/**
 * `pnpm demo` (scripts/demo.ts --build) tells the whole story without a terminal and ends with the
 * cancel's success; the build before it stays quiet unless it fails. The build is turbo's, run here
 * by a stand-in `pnpm` that talks like turbo: a nested turbo run would restore the bundle from its
 * cache while this package's other tests run it.
 */
import { spawn } from "node:child_process"
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { expect, it } from "vitest"

const demo = fileURLToPath(new URL("../../../scripts/demo.ts", import.meta.url))

/** `pnpm demo` with a `pnpm` on PATH whose build prints turbo's banner and summary, then exits `exitCode`. */
const runDemo = async (exitCode: number) => {
  const bin = mkdtempSync(join(tmpdir(), "offerops-demo-"))
  writeFileSync(
    join(bin, "pnpm"),
    `#!/bin/sh\necho "   • turbo 2.11.11"\necho "   • Packages in scope: @offerops/cli"\necho " Tasks:    1 successful, 1 total"\necho "Cached:    1 cached, 1 total"\nexit ${exitCode}\n`
  )
  chmodSync(join(bin, "pnpm"), 0o755)
  const child = spawn(process.execPath, [demo, "--build"], {
    env: { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: process.env["HOME"] },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let output = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
  rmSync(bin, { recursive: true, force: true })
  return { code, output }
}

it("builds quietly, lists, inspects, cancels with the trace, and shows what the service received", async () => {
  const { code, output } = await runDemo(0)
  expect(code).toBe(0)
  expect(output).toMatch(/^An emulated Cloud Partner Portal is listening on http:\/\/127\.0\.0\.1:\d+ /)
  expect(output).not.toMatch(/turbo|Tasks:|Cached:/)
  expect(output).toMatch(/publish \S+ running · step 2\/6 Certification/)
  expect(output).toMatch(/debug ← 202 POST \/api\/publishers\/contoso\/offers\/contoso-vm\/cancel/)
  expect(output).toMatch(/Cancelled publish \S+ on contoso\/contoso-vm\./)
  expect(output).toContain("POST /api/publishers/contoso/offers/contoso-vm/cancel → 202")
  expect(output).toMatch(/Cancelled publish \S+ on product:contoso-app\./)
  expect(output).toMatch(/Cancelled configure \S+ on job:b3a1c2d4-18e0-4e5f-8a73-e2c9a7c1f003\./)
  expect(output).toContain("offerops cancel exited 0")
})

it("shows the build's output, and nothing of the story, when the build fails", async () => {
  const { code, output } = await runDemo(1)
  expect(code).toBe(1)
  expect(output).toContain("Tasks:    1 successful, 1 total")
  expect(output).toContain("The CLI did not build: nothing was demonstrated.")
  expect(output).not.toContain("An emulated Cloud Partner Portal")
})
