#!/usr/bin/env node
// The installed command. Runs the bundle when `pnpm build` made one (fast start-up), else the
// TypeScript source directly, which Node runs by stripping types: it works right after install.
import { existsSync } from "node:fs"

const bundle = new URL("../dist/offerops.js", import.meta.url)
await import(existsSync(bundle) ? bundle.href : new URL("../src/bin.ts", import.meta.url).href)
