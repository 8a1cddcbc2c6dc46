/**
 * The stack's floor, part one: the least an Effect program on offerops' core stack does for
 * `offerops operations` — one GET through Effect's HttpClient on Node's fetch, the body decoded with
 * a Schema, a line printed. Nothing of offerops. `pnpm bench` bundles it as build.mjs bundles the CLI.
 */
import { Console, Effect, Schema } from "effect"
import { FetchHttpClient, HttpClient } from "effect/http"

const Submissions = Schema.Array(Schema.Struct({ id: Schema.String, status: Schema.optional(Schema.String) }))
const [url = ""] = process.argv.slice(2)

HttpClient.get(url, { headers: { authorization: `Bearer ${process.env.CPP_TOKEN}` } }).pipe(
  Effect.flatMap((response) => response.json),
  Effect.flatMap(Schema.decodeUnknownEffect(Submissions)),
  Effect.flatMap((submissions) => Console.log(`${submissions.length} operations`)),
  Effect.provide(FetchHttpClient.layer),
  Effect.runPromise
)
