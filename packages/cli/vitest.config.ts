import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    // Every test runs the CLI as a child process (each run may wait 45 s, see test/support.ts), on
    // a machine that may be loaded: bounds well above those waits.
    testTimeout: 180_000,
    hookTimeout: 120_000
  }
})
