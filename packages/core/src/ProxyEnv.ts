/**
 * Which proxy the requests take: `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (the lower-case
 * spelling wins when both are set, as in curl and Node), read the way Azure's own tools read them —
 * https through a CONNECT tunnel, so the proxy sees the host name and encrypted bytes, never a token.
 * One default of ours: while `NO_PROXY` is unset (or empty), loopback is reached directly (an
 * emulator or a local gateway is never behind the corporate proxy). A `NO_PROXY` that is set is
 * taken as given: one that names only other hosts sends loopback through the proxy too.
 * Each runtime applies the result its own way: Node's built-in proxy under the CLI's fetch, undici's
 * EnvHttpProxyAgent in the bot's pool, the environment for @azure/identity.
 */
import { Config, Effect, Option, Schema } from "effect"

export interface ProxySettings {
  readonly httpsProxy: string | undefined
  readonly httpProxy: string | undefined
  /** Comma-separated hosts reached directly (NO_PROXY syntax). */
  readonly noProxy: string
}

/** Loopback as every reader of NO_PROXY spells it (@azure/identity compares `[::1]`, undici `::1`). */
export const loopbackNoProxy = "localhost,127.0.0.1,::1,[::1]"

const ProxyUrl = Schema.Trim.pipe(
  Schema.check(
    Schema.makeFilter((text: string) => {
      const url = URL.canParse(text) ? new URL(text) : undefined
      return (url !== undefined && (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "") ||
        "expected a proxy URL such as http://proxy.example.com:8080"
    })
  )
)

/** The first of the spellings that is set and not empty, checked as a proxy URL. */
const proxyUrl = (names: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    for (const name of names) {
      const raw = yield* Config.String(name).pipe(Config.option)
      if (Option.isSome(raw) && raw.value.trim() !== "") return yield* Config.schema(ProxyUrl, name)
    }
    return undefined
  })

/** The proxy settings, or none when no proxy variable is set (then nothing about proxies is loaded). */
export const proxySettings: Effect.Effect<Option.Option<ProxySettings>, Config.ConfigError> = Effect.gen(function*() {
  const httpsProxy = yield* proxyUrl(["https_proxy", "HTTPS_PROXY"])
  const httpProxy = yield* proxyUrl(["http_proxy", "HTTP_PROXY"])
  if (httpsProxy === undefined && httpProxy === undefined) return Option.none()
  const lower = yield* Config.String("no_proxy").pipe(Config.option)
  const upper = yield* Config.String("NO_PROXY").pipe(Config.option)
  const noProxy = Option.getOrElse(Option.orElse(lower, () => upper), () => loopbackNoProxy)
  return Option.some({ httpsProxy, httpProxy, noProxy })
})

/** The settings as the variables Node's built-in proxy support and @azure/identity read. */
export const proxyEnvOf = (settings: ProxySettings): Record<string, string> => ({
  ...(settings.httpsProxy === undefined ? {} : { HTTPS_PROXY: settings.httpsProxy }),
  ...(settings.httpProxy === undefined ? {} : { HTTP_PROXY: settings.httpProxy }),
  NO_PROXY: settings.noProxy
})
