#!/usr/bin/env node
// `pnpm slackbot:try` (see ../try/main.ts). The Node check runs first, in plain JavaScript: an older
// Node cannot load the TypeScript sources and would fail with a stack trace.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`slackbot:try needs Node >= 22.19, not ${process.version}: run \`. scripts/bootstrap.sh\` in the offerops repository first`)
  process.exit(1)
}
await import("../try/main.ts")
