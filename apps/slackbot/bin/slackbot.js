#!/usr/bin/env node
// Starts the /cancel-offer bot. The Node check is plain JavaScript that runs before anything else
// loads: an older Node cannot load the TypeScript sources (Node >= 22.19 strips their types) and
// would fail with a stack trace instead of saying what to do.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`offerops-slackbot needs Node >= 22.19, not ${process.version}: run \`. scripts/bootstrap.sh\` in the offerops repository first`)
  process.exit(1)
}
const { main } = await import("../src/main.ts")
await main(process.argv.slice(2))
