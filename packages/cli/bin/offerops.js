#!/usr/bin/env node
// The installed command. Runs the bundle when `pnpm build` made one, else the TypeScript source
// directly (Node strips the types), so it works right after install. The compile cache keeps V8's
// compiled code between runs: most of a CLI's start-up is compiling the code it loads.

// Plain JavaScript, before anything else loads: an older Node cannot load the sources (or parse
// the bundle's syntax) and would fail with a stack trace instead of saying what to do.
// In the repository the sources sit beside the bin; installed from the tarball, only the bundle does.
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  const { existsSync } = await import("node:fs")
  console.error(
    existsSync(new URL("../src/bin.ts", import.meta.url))
      ? `offerops needs Node >= 22.19, not ${process.version}: in the offerops repository, run \`. scripts/bootstrap.sh\` first`
      : `offerops needs Node >= 22.19, not ${process.version}: install Node 22.19 or later (https://nodejs.org), then run offerops again`
  )
  process.exit(1)
}

// Builtins as CommonJS modules: importing `node:fs` as ESM evaluates every export of its facade,
// loading fs streams (~10 ms) that nothing here needs. The cache goes in this user's own cache
// directory: Node's default is one directory in /tmp shared by every user, where another user
// could plant compiled code for this one to run.
const { homedir } = process.getBuiltinModule("node:os")
const cacheHome = process.env.XDG_CACHE_HOME || `${homedir()}/.cache`
process.getBuiltinModule("node:module").enableCompileCache?.(process.env.NODE_COMPILE_CACHE || `${cacheHome}/offerops/node-compile-cache`)
const bundle = new URL("../dist/offerops.js", import.meta.url)
const { existsSync } = process.getBuiltinModule("node:fs")
await import(existsSync(bundle) ? bundle.href : new URL("../src/bin.ts", import.meta.url).href)
