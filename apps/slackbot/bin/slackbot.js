#!/usr/bin/env node
// Starts the /cancel-offer bot; Node strips the TypeScript types of ../src at load.
import { main } from "../src/main.ts"

await main()
