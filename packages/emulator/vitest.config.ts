import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every file starts its own emulators on free ports and closes them, so files can share workers;
    // importing Effect once per worker instead of once per file halves the suite's wall time.
    isolate: false,
    // Generous bounds: the bin's tests spawn Node processes, slow to start on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
