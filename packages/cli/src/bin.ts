/** The offerops executable: Node's stdio and terminal, the process's arguments, exit codes. */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"

import { Effect } from "effect"
import { localeOf } from "./Language.ts"
import { helpAsFlag, runOfferops } from "./Offerops.ts"
import { Output, outputModeOf } from "./Output.ts"
import { translator } from "./i18n/Translator.ts"

const argv = helpAsFlag(process.argv.slice(2))
// The reader's language, from --lang or the POSIX locale; JSON output never depends on it.
const t = translator(localeOf(argv, process.env))

// A reader that went away (`offerops operations … | head`) has all it wanted: stop quietly, as
// Unix tools do, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

runOfferops(argv).pipe(
  Effect.provide([Output.layer(outputModeOf(argv), t), NodeStdio.layer, NodeTerminal.layer]),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
