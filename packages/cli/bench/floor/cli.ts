/**
 * The stack's floor, part two: the same request as effect.ts, as a subcommand of an effect/cli
 * command run on Node's stdio and terminal, as the CLI runs. Nothing of offerops.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeStdio from "@effect/platform-node/NodeStdio"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { Console, Effect, FileSystem, Layer, Path, Schema } from "effect"
import { Argument, Command } from "effect/cli"
import { FetchHttpClient, HttpClient } from "effect/http"
import { ChildProcessSpawner } from "effect/process"

const Submissions = Schema.Array(Schema.Struct({ id: Schema.String, status: Schema.optional(Schema.String) }))

const operations = Command.make("operations", { url: Argument.String("url") }, ({ url }) =>
  HttpClient.get(url, { headers: { authorization: `Bearer ${process.env.CPP_TOKEN}` } }).pipe(
    Effect.flatMap((response) => response.json),
    Effect.flatMap(Schema.decodeUnknownEffect(Submissions)),
    Effect.flatMap((submissions) => Console.log(`${submissions.length} operations`))
  ))

// What effect/cli asks for and a one-shot command does not use, as src/Offerops.ts provides it.
const unused = Layer.mergeAll(
  Path.layer,
  FileSystem.layerNoop({}),
  Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("no processes")))
)

Command.run(Command.make("floor").pipe(Command.withSubcommands([operations])), { version: "0" }).pipe(
  Effect.provide([FetchHttpClient.layer, NodeStdio.layer, NodeTerminal.layer, unused]),
  NodeRuntime.runMain
)
