#!/usr/bin/env node
// Node strips the types from the TypeScript sources, so the bin needs no build.
import "../src/main.ts"
