#!/usr/bin/env node
// The bin of the packed package (`pnpm slackbot:pack`), installed as `offerops-slackbot`: it runs
// the bundle in ../dist. The Node check is plain JavaScript that runs before anything else loads,
// and speaks to a machine that has only the package: which Node to install.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`offerops-slackbot needs Node >= 22.19, not ${process.version}: install Node 22.19 or later (https://nodejs.org), then start it again`)
  process.exit(1)
}
const { main } = await import("../dist/slackbot.js")
await main(process.argv.slice(2))
