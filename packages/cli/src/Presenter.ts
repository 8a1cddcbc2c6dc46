/**
 * effect/cli's help and version output in the requested mode: text as effect/cli renders it, or
 * under `--output json` one JSON document on stdout, like every other answer in that mode.
 */
import { Effect, Option } from "effect"
import { CliOutput, type HelpDoc } from "effect/cli"
import type { OutputMode } from "./EarlyFlags.ts"

/**
 * effect/cli's help and version output, minus its rendering of parse errors: those are reported
 * by the entry point like every other failure, in the requested mode.
 */
export const helpPresenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation" || event._tag === "Help" && event.reason === "Implicit"
      ? Effect.void
      : CliOutput.defaultPresenter.present(event)
}

const flagJson = (flag: HelpDoc.FlagDoc) => ({
  name: `--${flag.name}`,
  aliases: flag.aliases,
  type: flag.type,
  description: Option.getOrNull(flag.description),
  required: flag.required
})

const helpJson = (commandPath: ReadonlyArray<string>, doc: HelpDoc.HelpDoc) => ({
  command: commandPath.join(" "),
  description: doc.description,
  usage: doc.usage,
  arguments: (doc.args ?? []).map((arg) => ({
    name: arg.name,
    type: arg.type,
    description: Option.getOrNull(arg.description),
    required: arg.required,
    variadic: arg.variadic
  })),
  flags: doc.flags.map(flagJson),
  inheritedFlags: (doc.inheritedFlags ?? []).map(flagJson),
  globalFlags: (doc.globalFlags ?? []).map(flagJson),
  subcommands: (doc.subcommands ?? []).flatMap((group) => group.commands).map((command) => ({
    name: command.name,
    description: command.shortDescription ?? command.description
  })),
  examples: (doc.examples ?? []).map((example) => ({ command: example.command, description: example.description ?? null }))
})

const writeJson = (document: unknown) => Effect.sync(() => void process.stdout.write(`${JSON.stringify(document, null, 2)}\n`))

export const presenterFor = (mode: OutputMode): CliOutput.Presenter =>
  mode === "text" ? helpPresenter : {
    present: (event) => {
      switch (event._tag) {
        case "Version":
          return writeJson({ name: event.name, version: event.version })
        case "Help":
          return event.reason === "Requested" ? writeJson(helpJson(event.commandPath, event.helpDoc)) : Effect.void
        case "InvalidInvocation":
          return Effect.void
      }
    }
  }
