/**
 * A small versioned token that lets a later process continue a wait: base64url of
 * `{"v":1,"location":...,"deadline":...}`. It holds no secret — a location is only a path.
 * Version 2 adds `canceled`: after a 202, `location` is the cancel operation and `canceled` the
 * operation it cancels, followed once the cancel operation ends. Version 1 tokens still decode.
 * `cancel: true` says the wait follows a cancel, so that `watch` tells its end as `cancel` does.
 */
import { Effect, Schema } from "effect"
import { InvalidInput } from "./CppError.ts"

export const ResumeToken = Schema.Struct({
  v: Schema.Literals([1, 2]),
  location: Schema.String,
  /** Epoch milliseconds at which the original wait gives up. */
  deadline: Schema.optional(Schema.Number),
  offer: Schema.optional(Schema.String),
  /** The operation being cancelled, followed after the cancel operation at `location` (version 2). */
  canceled: Schema.optional(Schema.String),
  /** The wait follows a cancel (also without a cancel operation): `watch` ends it as `cancel` would. */
  cancel: Schema.optional(Schema.Boolean)
})
export type ResumeToken = typeof ResumeToken.Type

// Base64url of the JSON, through Schema so the core needs no Buffer (it runs on Deno and in browsers).
const TokenJson = Schema.fromJsonString(ResumeToken)
const TokenText = Schema.StringFromBase64Url.pipe(Schema.decodeTo(TokenJson))

/** How every token begins (base64url of `{"v":`), as the help and the READMEs show it. */
export const resumeTokenPrefix = "eyJ2Ijo"

// Version 2 only when needed, so that a token an older offerops can follow stays readable to it.
export const encodeResumeToken = (token: Omit<ResumeToken, "v">): string =>
  Schema.encodeSync(TokenText)({ v: token.canceled === undefined ? 1 : 2, ...token })

/** Accepts the base64url form, or the JSON itself. */
export const decodeResumeToken = (text: string): Effect.Effect<ResumeToken, InvalidInput> => {
  const trimmed = text.trim()
  return Schema.decodeEffect(trimmed.startsWith("{") ? TokenJson : TokenText)(trimmed).pipe(
    Effect.mapError(() =>
      new InvalidInput({
        message: `not a resume token or operation location: ${JSON.stringify(trimmed.slice(0, 100))}`,
        input: "ResumeToken"
      })
    )
  )
}

/** Whether the user gave a location (a path or URL) rather than a token. */
export const looksLikeLocation = (text: string): boolean => /^(\/|https?:\/\/)/.test(text.trim())
