import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Above the fake Slack's own waits (10 s by default) and a bot's start on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
