/**
 * Reading a response body in bounded memory, so a hostile server's huge body costs at most the limit.
 */
import { Effect, Stream } from "effect"
import type { HttpClientResponse } from "effect/http"

/**
 * The body as text, read in bounded memory: a body announced or found to be over `limit` bytes is
 * refused (a 2xx, whose body we would have to understand) or cut (an error, whose first words are all
 * we show), and the rest is never read.
 */
export const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, "tooLarge" | "broken"> => {
  const refuse = response.status >= 200 && response.status < 300
  const announced = Number(response.headers["content-length"] ?? Number.NaN)
  // Opening the body's stream and closing it unread aborts the request: the rest is never sent.
  if (refuse && announced > limit) return Effect.andThen(Effect.scoped(Stream.toPull(response.stream)), Effect.fail("tooLarge" as const))
  // An announced length within the limit already bounds the body (HTTP framing ends it there), and
  // reading it whole skips the chunk stream, which cost about a quarter of a poll's CPU.
  if (announced <= limit) return response.text.pipe(Effect.mapError(() => "broken" as const))
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.takeWhile(() => size <= limit),
      Stream.runForEach((chunk) => {
        size += chunk.length
        chunks.push(chunk)
        return size > limit && refuse ? Effect.fail("tooLarge" as const) : Effect.void
      }),
      Effect.mapError((error) => error === "tooLarge" ? error : "broken" as const),
      Effect.map(() => {
        const bytes = new Uint8Array(Math.min(size, limit))
        let offset = 0
        for (const chunk of chunks) {
          const part = chunk.subarray(0, bytes.length - offset)
          bytes.set(part, offset)
          offset += part.length
        }
        return new TextDecoder().decode(bytes)
      })
    )
  })
}
