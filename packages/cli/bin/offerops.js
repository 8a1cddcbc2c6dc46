#!/usr/bin/env node
// The installed command. Runs the bundle when `pnpm build` made one, else the TypeScript source
// directly (Node strips the types), so it works right after install. The compile cache keeps V8's
// compiled code between runs: most of a CLI's start-up is compiling the code it loads.
import { existsSync } from "node:fs"
import module from "node:module"

module.enableCompileCache?.()
const bundle = new URL("../dist/offerops.js", import.meta.url)
await import(existsSync(bundle) ? bundle.href : new URL("../src/bin.ts", import.meta.url).href)
