import { defineConfig } from "vitest/config"

// Generous bounds: tests that start emulators must pass on a loaded 2-core machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
