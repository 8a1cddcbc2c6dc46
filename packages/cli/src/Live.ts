/**
 * The CLI's client: CppClient over Node's built-in fetch. A one-shot command needs no connection
 * pool, and Node already carries undici inside itself, so the CLI loads no second copy from npm (the
 * bot keeps it, for its bounded pool: `@offerops/core/node`). What this costs and saves: README, Speed.
 * What only some runs need is loaded on those runs alone: Node's proxy support when a proxy variable
 * is set (Proxy.ts), Entra when no static token is given (core's TokenProvider). Trace export when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set belongs here the same way: `loadedWhen` its variable is set.
 */
import { cppClientFetch, type CppSettings, InvalidInput, proxySettings } from "@offerops/core"
import { Config, Effect, Layer, Option } from "effect"

/** `load()`'s layer on runs where `setting` is there, nothing otherwise (and nothing loaded). */
export const loadedWhen = <A, E, R>(
  setting: Effect.Effect<Option.Option<A>, Config.ConfigError>,
  load: (value: A) => Effect.Effect<Layer.Layer<never, E, R>, InvalidInput>
): Layer.Layer<never, E | Config.ConfigError | InvalidInput, R> =>
  Layer.unwrap(Effect.flatMap(setting, Option.match({ onNone: () => Effect.succeed(Layer.empty), onSome: load })))

const proxy = loadedWhen(proxySettings, (settings) =>
  Effect.flatMap(Effect.promise(() => import("./Proxy.ts")), ({ useProxy }) => useProxy(settings)))

/** CppClient over fetch, with the flags' `overrides`; the proxy (if any) is in place before the first request. */
export const cppClientCli = (overrides: Partial<CppSettings>) => cppClientFetch(overrides).pipe(Layer.provideMerge(proxy))
