/**
 * One API's request function beside CPP's: its own base URL (refused before any request when it
 * would carry the token over plain http), its own token and its own error words, with the transport's
 * shared bounds from CppConfig. The token goes only to that base URL's origin (ApiExchange).
 */
import { Effect } from "effect"
import { HttpClient } from "effect/http"
import { makeSend } from "./ApiExchange.ts"
import type { ErrorBodyReader } from "./ErrorBody.ts"
import { CppConfig, insecureBaseUrl } from "./CppConfig.ts"
import { InvalidInput } from "./CppError.ts"
import type { TokenProvider } from "./TokenProvider.ts"

export const apiSend = Effect.fnUntraced(function*(
  tokens: TokenProvider["Service"],
  baseUrl: string,
  describe: ErrorBodyReader
) {
  const http = yield* HttpClient.HttpClient
  const transport = yield* CppConfig
  const insecure = insecureBaseUrl({ baseUrl, allowInsecureHttp: transport.allowInsecureHttp })
  if (insecure !== undefined) return yield* new InvalidInput({ message: insecure })
  return makeSend(http, tokens, { ...transport, baseUrl }, describe)
})
