/** The offerops executable: Node's stdio and terminal, the process's arguments, exit codes. */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { readProtocol, wantsExport } from "@offerops/core"
import { Effect } from "effect"
import { localeOf } from "./Language.ts"
import { helpAsFlag, runOfferops } from "./Offerops.ts"
import { outputModeOf } from "./EarlyFlags.ts"
import { loadTranslator } from "./i18n/Translator.ts"
import { Output } from "./Output.ts"
import { version } from "./Version.ts"

const argv = helpAsFlag(process.argv.slice(2))
// The reader's language, from --lang or the POSIX locale; JSON output never depends on it.
const t = await loadTranslator(localeOf(argv, process.env))

// A reader that went away (`offerops operations … | head`) has all it wanted: stop quietly, as
// Unix tools do, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

const run = runOfferops(argv).pipe(Effect.provide([Output.layer(outputModeOf(argv), t), NodeStdio.layer, NodeTerminal.layer]))

// With OTEL_EXPORTER_OTLP_ENDPOINT set (a pipeline that traces its runs), the run's spans and the
// API's request counts go out over OTLP/HTTP, flushed before exit; otherwise nothing of it is loaded.
const protocol = readProtocol(process.env)
if (wantsExport(process.env) && protocol !== "http/protobuf" && protocol !== "http/json") console.error(`offerops: ${protocol}; nothing is exported`)
const traced = !wantsExport(process.env) || (protocol !== "http/protobuf" && protocol !== "http/json")
  ? run
  : Effect.flatMap(
    Effect.promise(() => import("@offerops/core/telemetry")),
    ({ layerExport }) => Effect.provide(run, layerExport(process.env, protocol, { name: "offerops", version }))
  )

traced.pipe(NodeRuntime.runMain({ disableErrorReporting: true }))
