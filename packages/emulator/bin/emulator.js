#!/usr/bin/env node
// The Node check is plain JavaScript that runs before anything else loads: an older Node cannot
// even load the TypeScript sources (Node >= 22.19 strips their types), and would say so with a trace.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`cpp-emulator needs Node >= 22.19, not ${process.version}: run \`. scripts/bootstrap.sh\` in the offerops repository first`)
  process.exit(1)
}
await import("../src/main.ts")
