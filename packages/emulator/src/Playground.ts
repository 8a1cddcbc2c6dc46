/**
 * Commands against an emulator already running (`pnpm emulator` in another shell), through its
 * admin API: `env` prints the exports a client needs, `publish`/`golive` start another operation on
 * an offer, `submit` a Partner Center submission and `configure` a Product Ingestion configure job,
 * so there is something to list and cancel again.
 */
import { existsSync, readFileSync } from "node:fs"
import * as Http from "node:http"
import * as Https from "node:https"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { demoPrincipal } from "./Demo.ts"

export const defaultAdminUrl = "http://127.0.0.1:8787"

/** A year of virtual time, so a printed token outlives a fast time scale. */
export const readyTokenTtlSeconds = 365 * 24 * 3600

/** Bad arguments: the bin prints the message and its usage, exit 2. */
export class UsageError extends Error {}

/** An expected failure (no emulator answers, it refused, the port is taken): one line, exit 1. */
export class Refused extends Error {}

/** Where a running `--https` emulator keeps its certificate: known from the port, so `env` finds it. */
export const certificateFile = (port: string) => join(tmpdir(), `cpp-emulator-${port}.pem`)

const shellQuote = (value: string) => (/^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`)

/** A ready token per API, each for that API's audience. */
export interface ClientTokens {
  readonly cpp: string
  readonly partnerCenter: string
  readonly productIngestion: string
}

/** The audience of each API's tokens, as the admin API names them. */
const tokenAudiences: Readonly<Record<keyof ClientTokens, string>> = {
  cpp: "https://cloudpartner.azure.com",
  partnerCenter: "https://api.partner.microsoft.com",
  productIngestion: "https://graph.microsoft.com"
}

/**
 * What a client of the emulator at `url` needs: each API's base URL and token, and with https (the
 * certificate's file given) the demo principal's credentials and the certificate to trust.
 */
export const clientEnv = (url: string, tokens: ClientTokens, certificate?: string): Array<[string, string]> => [
  ["CPP_BASE_URL", url],
  ["CPP_TOKEN", tokens.cpp],
  ["PARTNER_CENTER_BASE_URL", `${url}/v1.0/ingestion`],
  ["PARTNER_CENTER_TOKEN", tokens.partnerCenter],
  ["PRODUCT_INGESTION_BASE_URL", `${url}/rp/product-ingestion`],
  ["PRODUCT_INGESTION_TOKEN", tokens.productIngestion],
  ...(certificate === undefined ? [] : [
    ["AZURE_TENANT_ID", demoPrincipal.tenantId],
    ["AZURE_CLIENT_ID", demoPrincipal.clientId],
    ["AZURE_CLIENT_SECRET", demoPrincipal.clientSecret],
    ["AZURE_AUTHORITY_HOST", url],
    ["NODE_EXTRA_CA_CERTS", certificate]
  ] as Array<[string, string]>)
]

export const exportLines = (env: ReadonlyArray<readonly [string, string]>) =>
  env.map(([key, value]) => `export ${key}=${shellQuote(value)}\n`).join("")

const call = (base: URL, method: string, path: string, body?: unknown) =>
  new Promise<unknown>((resolve, reject) => {
    const ca = base.protocol === "https:" && existsSync(certificateFile(base.port)) ? readFileSync(certificateFile(base.port)) : undefined
    const request = (base.protocol === "https:" ? Https : Http).request(new URL(path, base), {
      method,
      headers: { "content-type": "application/json" },
      timeout: 5_000,
      ...(ca === undefined ? {} : { ca })
    }, (response) => {
      let text = ""
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk))
      response.on("end", () => {
        const json = text === "" ? undefined : JSON.parse(text) as { error?: { message?: string } }
        if ((response.statusCode ?? 500) < 300) resolve(json)
        else reject(new Refused(`${base.origin} refused: ${json?.error?.message ?? `HTTP ${response.statusCode}`}`))
      })
    })
    request.on("timeout", () => request.destroy(new Error("no answer within 5 s")))
    request.on("error", (error) =>
      reject(new Refused(`no emulator answers at ${base.origin} (${error.message}); start one with \`pnpm emulator\`, or pass --url`)))
    request.end(body === undefined ? undefined : JSON.stringify(body))
  })

const adminUrl = (text: string | undefined) => {
  const value = text ?? process.env["CPP_BASE_URL"] ?? defaultAdminUrl
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(value)}`)
  return new URL(value)
}

/** One token per API for publisher contoso, through the admin API. */
const readyTokens = async (base: URL): Promise<ClientTokens> => {
  const issue = async (audience: string) =>
    (await call(base, "POST", "/_emulator/tokens", { publishers: ["contoso"], ttlSeconds: readyTokenTtlSeconds, audience }) as {
      token: string
    }).token
  return {
    cpp: await issue(tokenAudiences.cpp),
    partnerCenter: await issue(tokenAudiences.partnerCenter),
    productIngestion: await issue(tokenAudiences.productIngestion)
  }
}

/**
 * `submit product:<id>` and `configure <product>`: start a Partner Center submission or a Product
 * Ingestion configure job. The new id alone goes to stdout (`JOB=$(pnpm -s emulator configure ...)`),
 * the sentence to stderr.
 */
const startOnProduct = async (base: URL, command: "submit" | "configure", positionals: ReadonlyArray<string>) => {
  const [reference, ...extra] = positionals
  if (command === "submit") {
    const product = /^product:(\S+)$/.exec(reference ?? "")?.[1]
    if (product === undefined || extra.length > 0) {
      throw new UsageError("submit takes one product:<productId or offer id>, e.g. product:contoso-app")
    }
    const started = await call(base, "POST", "/_emulator/partner-center/submissions", { product }) as {
      productId: string
      submissionId: string
    }
    process.stdout.write(`${started.submissionId}\n`)
    return console.error(`started submission ${started.submissionId} on product ${started.productId}`)
  }
  const product = /^(?:pia:)?(\S+)$/.exec(reference ?? "")?.[1]
  if (product === undefined || extra.length > 0) {
    throw new UsageError("configure takes one product: product/<guid>, its external id, or pia:<either>, e.g. contoso-analytics")
  }
  const started = await call(base, "POST", "/_emulator/product-ingestion/jobs", { product }) as { jobId: string; productId: string }
  process.stdout.write(`${started.jobId}\n`)
  console.error(`started configure job ${started.jobId} on ${started.productId}`)
}

export const playground = async (command: "env" | "publish" | "golive" | "submit" | "configure", argv: ReadonlyArray<string>) => {
  const { values, positionals } = parseArgs({ args: [...argv], options: { url: { type: "string" } }, allowPositionals: true })
  const base = adminUrl(values.url)
  if (command === "env") {
    if (positionals.length > 0) throw new UsageError(`env takes no arguments, got ${JSON.stringify(positionals[0])}`)
    const tokens = await readyTokens(base)
    const certificate = certificateFile(base.port)
    const env = clientEnv(base.origin, tokens, base.protocol === "https:" && existsSync(certificate) ? certificate : undefined)
    return void process.stdout.write(exportLines(env))
  }
  if (command === "submit" || command === "configure") return startOnProduct(base, command, positionals)
  const [offer, ...extra] = positionals
  const ids = /^([^/\s]+)\/([^/\s]+)$/.exec(offer ?? "")
  if (ids === null || extra.length > 0) throw new UsageError(`${command} takes one <publisherId>/<offerId>, e.g. contoso/contoso-vm`)
  const started = await call(base, "POST", "/_emulator/operations", { publisherId: ids[1], offerId: ids[2], kind: command }) as { id: string }
  console.log(`started ${command} ${started.id} on ${ids[1]}/${ids[2]}`)
}
