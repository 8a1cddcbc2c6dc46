#!/usr/bin/env node
// `pnpm demo`: see src/Demo.ts. Node strips the types, so this needs no build of its own.
import "../src/Demo.ts"
