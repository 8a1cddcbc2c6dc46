/**
 * Paged collections `{ value, <next-page link>? }`: an opaque `$skipToken` in the link, the link's
 * key and form as the variants say (`@odata.nextLink` absolute by default).
 */
import type { IngestionVariants } from "./Variants.ts"

/** The offset a `$skipToken` stands for, or undefined when it is not one of ours. */
export const readSkipToken = (token: string | null): number | undefined => {
  if (token === null) return 0
  const decoded = /^o(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"))
  return decoded === null ? undefined : Number(decoded[1])
}

const skipToken = (offset: number): string => Buffer.from(`o${offset}`).toString("base64url")

/**
 * The page at `offset` of `items`, linking to the next one through the same path and query with a
 * new `$skipToken`. `url` is the request's URL; `apiBase` the API's absolute base URL.
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  offset: number,
  request: { readonly url: URL; readonly apiBase: string },
  variants: IngestionVariants
): Record<string, unknown> => {
  const value = items.slice(offset, offset + variants.pageSize)
  const next = offset + variants.pageSize
  if (next >= items.length) return { value }
  const query = new URLSearchParams(request.url.searchParams)
  query.set("$skipToken", skipToken(next))
  const apiPath = new URL(request.apiBase).pathname
  // OData writes its system query options with a bare `$`.
  const relative = `${request.url.pathname.slice(apiPath.length).replace(/^\//, "")}?${String(query).replace(/%24/g, "$")}`
  const link = variants.nextLinkForm === "absolute" ? `${request.apiBase}/${relative}` : relative
  return { value, [variants.nextLinkKey]: link }
}
