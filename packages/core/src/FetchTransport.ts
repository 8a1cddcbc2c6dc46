/**
 * The transport over the runtime's own `fetch` (Node's built-in fetch, Deno, browsers): Effect's
 * FetchHttpClient, told never to follow a redirect. `fetch` follows them by default, which would
 * carry the request (and its bearer token) wherever a server points; with `manual` the 3xx itself
 * comes back, and ApiExchange refuses it as an unexpected redirect.
 */
import { Layer } from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"

export const fetchTransport: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
)
