import { describe, expect, it } from "vitest"
import { startEmulator } from "../src/index.ts"

describe("startEmulator", () => {
  it("listens on 127.0.0.1 on a free port by default", async () => {
    const emulator = await startEmulator()
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(emulator.certificatePem).toBeUndefined()
    } finally {
      await emulator.close()
    }
  })

  it("closes without waiting for a client still reading a slow body, and the port is released", async () => {
    const emulator = await startEmulator()
    emulator.addFault({ kind: "slow-body", latencyMs: 10_000 })
    const response = await fetch(`${emulator.url}/nowhere`)
    const body = response.text().catch((error: unknown) => error)
    const started = performance.now()
    await emulator.close()
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(await body).toBeInstanceOf(Error)
    await expect(fetch(`${emulator.url}/_emulator`)).rejects.toThrow()
  })

  it("fails to start on a port that is taken", async () => {
    const first = await startEmulator()
    try {
      const port = Number(new URL(first.url).port)
      await expect(startEmulator({ port })).rejects.toBeDefined()
    } finally {
      await first.close()
    }
  })
})
