/**
 * The offerops command: its commands, the services they run on, and how every failure becomes a
 * report in the requested mode and a fixed exit code. `bin.ts` runs it on Node's stdio; the tests
 * run it in process with their own console, stdin and clock.
 */
import { Cause, Effect, FileSystem, Layer, Path } from "effect"
import { CliConfig, CliOutput, Command, GlobalFlag } from "effect/cli"
import { ChildProcessSpawner } from "effect/process"
import { cancel } from "./commands/Cancel.ts"
import { operations } from "./commands/Operations.ts"
import { watch } from "./commands/Watch.ts"
import { exitCodeOf, Reported, unexpected, usage } from "./ExitCode.ts"
import { isCliError, reportCliError, reportFailure } from "./Failure.ts"
import { type CppClientFor, globalFlags, servicesFor } from "./GlobalFlags.ts"
import { outputModeOf } from "./EarlyFlags.ts"
import { Output } from "./Output.ts"
import { presenterFor } from "./Presenter.ts"
import { version } from "./Version.ts"

const commands = [operations, cancel, watch]

const offerops = (cppClient: CppClientFor | undefined) =>
  Command.make("offerops").pipe(
    Command.withSharedFlags(globalFlags),
    Command.withDescription("List, cancel and watch Azure Marketplace (Cloud Partner Portal) offer operations"),
    Command.withSubcommands(commands),
    Command.provide((flags) => servicesFor(flags, cppClient))
  )

// effect/cli asks for a file system and a process spawner (file flags, wizard); offerops uses
// neither, and leaving NodeServices' implementations out keeps them out of every start-up.
const unused = Layer.mergeAll(
  Path.layer,
  FileSystem.layerNoop({}),
  Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("offerops spawns no processes")))
)

// effect/cli's built-in flags without --wizard: an interactive builder has no place in a tool
// that pipelines run and that must never act without an explicit command.
const builtIns = CliConfig.layer({
  builtIns: [GlobalFlag.Help, GlobalFlag.Version, GlobalFlag.Completions, GlobalFlag.LogLevel]
})

// Global flags that take a value: the word after them is not a command.
const valued = new Set(["--output", "--lang", "--base-url", "--api-version", "--log-level", "--completions"])

/**
 * `offerops help [command]` is `offerops [command] --help`, as git and npm have it; `help nope` is
 * `offerops nope`, which effect/cli answers as an unknown command.
 */
export const helpAsFlag = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") break
    if (valued.has(arg)) i++
    else if (!arg.startsWith("-")) {
      if (arg !== "help") return args
      const rest = [...args.slice(0, i), ...args.slice(i + 1)]
      const topic = args.slice(i + 1).find((word) => !word.startsWith("-"))
      return topic === undefined || commands.some((command) => command.name === topic) ? [...rest, "--help"] : rest
    }
  }
  return args
}

/**
 * One invocation, `argv` as typed after `offerops` (with `help` already turned into `--help`):
 * succeeds, or fails with the exit code of a failure already reported through Output.
 * `cppClient` replaces the Node client (tests count its requests).
 */
export const runOfferops = (argv: ReadonlyArray<string>, cppClient?: CppClientFor) =>
  Command.runWith(offerops(cppClient), { version })(argv).pipe(
    Effect.catch((failure) =>
      // A Reported outcome (e.g. ended first, exit 11) has printed its document already.
      failure instanceof Reported ? Effect.fail(failure) : Output.use((output) =>
        isCliError(failure)
          ? output.failure(reportCliError(failure, output.translator)).pipe(Effect.andThen(Effect.fail(new Reported(usage))))
          : output.failure(reportFailure(failure, output.translator)).pipe(Effect.andThen(Effect.fail(new Reported(exitCodeOf(failure)))))
      )
    ),
    Effect.catchDefect((defect) =>
      Output.use((output) =>
        output.failure({
          json: { _tag: "Unexpected", message: String(defect) },
          text: [output.translator.t("cli.failure.unexpected", { details: Cause.pretty(Cause.die(defect)) })]
        })
      ).pipe(Effect.andThen(Effect.fail(new Reported(unexpected))))
    ),
    Effect.provide([CliOutput.layerPresenter(presenterFor(outputModeOf(argv))), builtIns, unused])
  )
