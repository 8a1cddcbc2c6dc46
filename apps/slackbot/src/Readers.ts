/**
 * Who reads what the bot says, and in which language: an ephemeral answer is read by one Slack user,
 * in their Slack locale and time zone (`users.info` with `include_locale`, cached for a while); a
 * message in the channel is read by the team, in the team's language. Slack being slow or failing
 * costs a reader only their language, never the answer: the lookup runs after the ack, is bounded in
 * time and falls back to English.
 */
import { type Locale, negotiateLocale } from "@offerops/core"
import { Clock, Context, Duration, Effect, Layer } from "effect"
import { type Translator, translator } from "./i18n/Translator.ts"

/** The one Web API method this needs (a structural subset of Bolt's WebClient). */
export interface UsersApi {
  readonly users: {
    info(args: { user: string; include_locale: boolean }): Promise<{
      readonly user?: { readonly locale?: string | undefined; readonly tz?: string | undefined } | undefined
    }>
  }
}

export interface ReadersOptions {
  readonly teamLocale: Locale
  /** How long a user's locale is reused before Slack is asked again. */
  readonly ttl?: Duration.Input
  /** How long a failed lookup is remembered, so a failing Slack is not asked on every command. */
  readonly failureTtl?: Duration.Input
  /** How long to wait for Slack before answering in English. */
  readonly timeout?: Duration.Input
  /** How many users are remembered at most. */
  readonly capacity?: number
}

interface Entry {
  readonly translator: Translator
  readonly expires: number
}

export class Readers extends Context.Service<Readers, {
  /** The user's language and time zone; English in UTC when Slack does not say within the bound. */
  user(userId: string, api: UsersApi): Effect.Effect<Translator>
  /** The team's language, for messages everyone in the channel reads. */
  readonly team: Translator
}>()("@offerops/slackbot/Readers") {
  static readonly layer = (options: ReadersOptions): Layer.Layer<Readers> =>
    Layer.sync(Readers, () => Readers.make(options))

  static readonly make = (options: ReadersOptions): Readers["Service"] => {
    const ttl = Duration.toMillis(Duration.fromInputUnsafe(options.ttl ?? "1 hour"))
    const failureTtl = Duration.toMillis(Duration.fromInputUnsafe(options.failureTtl ?? "1 minute"))
    const timeout = Duration.fromInputUnsafe(options.timeout ?? "1500 millis")
    const capacity = options.capacity ?? 10_000
    const english = translator("en")
    const cache = new Map<string, Entry>()

    const remember = (userId: string, entry: Entry) => {
      cache.delete(userId)
      // A Map keeps insertion order: the first key is the least recently stored.
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!)
      cache.set(userId, entry)
    }

    const lookup = (userId: string, api: UsersApi) =>
      Effect.tryPromise({
        try: () => api.users.info({ user: userId, include_locale: true }),
        catch: (error) => error instanceof Error ? error.message : String(error)
      }).pipe(
        Effect.timeout(timeout),
        Effect.map((answer) => translator(negotiateLocale(answer.user?.locale), { timeZone: answer.user?.tz })),
        Effect.map((found) => ({ found, ok: true })),
        Effect.catch((error) =>
          Effect.logWarning(`Slack users.info failed for ${userId}; answering in English: ${String(error)}`).pipe(
            Effect.as({ found: english, ok: false })
          )
        )
      )

    return Readers.of({
      team: translator(options.teamLocale),
      user: Effect.fn("Readers.user")(function*(userId: string, api: UsersApi) {
        const now = yield* Clock.currentTimeMillis
        const cached = cache.get(userId)
        if (cached !== undefined && cached.expires > now) return cached.translator
        const { found, ok } = yield* lookup(userId, api)
        remember(userId, { translator: found, expires: now + (ok ? ttl : failureTtl) })
        return found
      })
    })
  }
}
