#!/usr/bin/env node
// The installed command. Runs the bundle when `pnpm build` made one, else the TypeScript source
// directly (Node strips the types), so it works right after install. The compile cache keeps V8's
// compiled code between runs: most of a CLI's start-up is compiling the code it loads.
import { existsSync } from "node:fs"
import module from "node:module"

// Plain JavaScript, before anything else loads: an older Node cannot load the sources (or parse
// the bundle's syntax) and would fail with a stack trace instead of saying what to do.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`offerops needs Node >= 22.19, not ${process.version}: in the offerops repository, run \`. scripts/bootstrap.sh\` first`)
  process.exit(1)
}

module.enableCompileCache?.()
const bundle = new URL("../dist/offerops.js", import.meta.url)
await import(existsSync(bundle) ? bundle.href : new URL("../src/bin.ts", import.meta.url).href)
