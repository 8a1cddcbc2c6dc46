/** `pnpm demo` (scripts/demo.ts) tells the whole story without a terminal and ends with the cancel's success. */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect, it } from "vitest"

it("lists, inspects, cancels with the trace, and shows what the service received", async () => {
  const demo = fileURLToPath(new URL("../../../scripts/demo.ts", import.meta.url))
  const { PATH, HOME } = process.env
  const child = spawn(process.execPath, [demo], { env: { PATH, HOME }, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
  expect(code).toBe(0)
  expect(output).toMatch(/publish \S+ running · step 2\/6 Certification/)
  expect(output).toMatch(/debug ← 202 POST \/api\/publishers\/contoso\/offers\/contoso-vm\/cancel/)
  expect(output).toMatch(/Cancelled publish \S+ on contoso\/contoso-vm\./)
  expect(output).toContain("POST /api/publishers/contoso/offers/contoso-vm/cancel → 202")
  expect(output).toMatch(/Cancelled publish \S+ on product:contoso-app\./)
  expect(output).toMatch(/Cancelled configure \S+ on job:b3a1c2d4-18e0-4e5f-8a73-e2c9a7c1f003\./)
  expect(output).toContain("offerops cancel exited 0")
})
