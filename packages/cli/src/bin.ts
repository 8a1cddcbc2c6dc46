/**
 * The offerops command: its commands, the services they run on, and how every failure becomes a
 * report in the requested mode and a fixed exit code.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { translator } from "@offerops/core"
import { Cause, Effect, FileSystem, Layer, Path } from "effect"
import { CliOutput, Command } from "effect/cli"
import { ChildProcessSpawner } from "effect/process"
import { cancel } from "./commands/Cancel.ts"
import { operations } from "./commands/Operations.ts"
import { watch } from "./commands/Watch.ts"
import { exitCodeOf, Reported, unexpected, usage } from "./ExitCode.ts"
import { isCliError, reportCliError, reportFailure } from "./Failure.ts"
import { globalFlags, servicesFor } from "./GlobalFlags.ts"
import { localeOf } from "./Language.ts"
import { helpPresenter, Output, outputModeOf } from "./Output.ts"
import { version } from "./Version.ts"

const offerops = Command.make("offerops").pipe(
  Command.withSharedFlags(globalFlags),
  Command.withDescription("List, cancel and watch Azure Marketplace (Cloud Partner Portal) offer operations"),
  Command.withSubcommands([operations, cancel, watch]),
  Command.provide((flags) => servicesFor(flags))
)

// effect/cli asks for a file system and a process spawner (file flags, wizard); offerops uses
// neither, and leaving NodeServices' implementations out keeps them out of every start-up.
const platform = Layer.mergeAll(
  NodeStdio.layer,
  NodeTerminal.layer,
  Path.layer,
  FileSystem.layerNoop({}),
  Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("offerops spawns no processes")))
)

const argv = process.argv.slice(2)
const t = translator(localeOf(argv, process.env))

// A reader that went away (`offerops operations … | head`) has all it wanted: stop quietly, as
// Unix tools do, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

Command.runWith(offerops, { version })(argv).pipe(
  Effect.catch((failure) =>
    Output.use((output) =>
      isCliError(failure)
        ? output.failure(reportCliError(failure, t)).pipe(Effect.andThen(Effect.fail(new Reported(usage))))
        : output.failure(reportFailure(failure, t)).pipe(Effect.andThen(Effect.fail(new Reported(exitCodeOf(failure)))))
    )
  ),
  Effect.catchDefect((defect) =>
    Output.use((output) =>
      output.failure({
        json: { _tag: "Unexpected", message: String(defect) },
        text: [t.t("cli.failure.unexpected", { details: Cause.pretty(Cause.die(defect)) })]
      })
    ).pipe(Effect.andThen(Effect.fail(new Reported(unexpected))))
  ),
  Effect.provide([Output.layer(outputModeOf(argv), t), CliOutput.layerPresenter(helpPresenter), platform]),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
