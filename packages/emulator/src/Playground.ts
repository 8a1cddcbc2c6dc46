/**
 * Commands against an emulator already running (`pnpm emulator` in another shell), through its
 * admin API: `env` prints the exports a client needs, `publish`/`golive` start another operation on
 * an offer, `submit` a Partner Center submission and `configure` a Product Ingestion configure job,
 * so there is something to list and cancel again.
 */
import { lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as Http from "node:http"
import * as Https from "node:https"
import { homedir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { adminTokenHeader } from "./AdminGate.ts"
import { demoPrincipal } from "./Demo.ts"

export const defaultAdminUrl = "http://127.0.0.1:8787"

/** A year of virtual time, so a printed token outlives a fast time scale. */
export const readyTokenTtlSeconds = 365 * 24 * 3600

/** Bad arguments: the bin prints the message and its usage, exit 2. */
export class UsageError extends Error {}

/** An expected failure (no emulator answers, it refused, the port is taken): one line, exit 1. */
export class Refused extends Error {}

/**
 * What a running emulator tells the commands of the same user (`env`, `publish`, `golive`): its
 * admin token and, with https, where its certificate is. Kept in a directory only this user can
 * read (`~/.offerops/emulator`, 0700; a symlink or someone else's directory is refused), one file
 * per port, removed when the emulator stops.
 */
export interface RunState {
  readonly adminToken: string
  /** The certificate's file, in the emulator's own fresh private directory (mkdtemp, 0700). */
  readonly certificate?: string | undefined
}

const stateDir = () => join(process.env["OFFEROPS_EMULATOR_STATE_DIR"] ?? join(homedir(), ".offerops", "emulator"))

/** The state directory, made private if new; refused when it is a symlink, someone else's, or open to others. */
const privateStateDir = (): string => {
  const dir = stateDir()
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stat = lstatSync(dir)
  const uid = process.getuid?.()
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
    throw new Refused(`${dir} must be a directory of yours that only you can read (chmod 700), not a link`)
  }
  return dir
}

const stateFile = (port: string) => join(privateStateDir(), `${port}.json`)

export const writeRunState = (port: string, state: RunState): string => {
  const file = stateFile(port)
  rmSync(file, { force: true })
  // wx: never through a file (or link) someone put there in between.
  writeFileSync(file, JSON.stringify(state), { mode: 0o600, flag: "wx" })
  return file
}

export const readRunState = (port: string): RunState | undefined => {
  try {
    const state = JSON.parse(readFileSync(stateFile(port), "utf8")) as Partial<RunState>
    return typeof state.adminToken === "string" ? { adminToken: state.adminToken, certificate: state.certificate } : undefined
  } catch {
    return undefined
  }
}

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
export const clientEnv = (url: string, tokens: ClientTokens, adminToken: string, certificate?: string): Array<[string, string]> => [
  ["CPP_BASE_URL", url],
  ["CPP_TOKEN", tokens.cpp],
  ["CPP_EMULATOR_ADMIN_TOKEN", adminToken],
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

const call = (base: URL, state: RunState | undefined, method: string, path: string, body?: unknown) =>
  new Promise<unknown>((resolve, reject) => {
    const ca = base.protocol === "https:" && state?.certificate !== undefined ? readFileSync(state.certificate) : undefined
    const adminToken = process.env["CPP_EMULATOR_ADMIN_TOKEN"] ?? state?.adminToken ?? ""
    const request = (base.protocol === "https:" ? Https : Http).request(new URL(path, base), {
      method,
      headers: { "content-type": "application/json", [adminTokenHeader]: adminToken },
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
const readyTokens = async (base: URL, state: RunState | undefined): Promise<ClientTokens> => {
  const issue = async (audience: string) =>
    (await call(base, state, "POST", "/_emulator/tokens", { publishers: ["contoso"], ttlSeconds: readyTokenTtlSeconds, audience }) as {
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
const startOnProduct = async (
  base: URL,
  state: RunState | undefined,
  command: "submit" | "configure",
  positionals: ReadonlyArray<string>
) => {
  const [reference, ...extra] = positionals
  if (command === "submit") {
    const product = /^product:(\S+)$/.exec(reference ?? "")?.[1]
    if (product === undefined || extra.length > 0) {
      throw new UsageError("submit takes one product:<productId or offer id>, e.g. product:contoso-app")
    }
    const started = await call(base, state, "POST", "/_emulator/partner-center/submissions", { product }) as {
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
  const started = await call(base, state, "POST", "/_emulator/product-ingestion/jobs", { product }) as { jobId: string; productId: string }
  process.stdout.write(`${started.jobId}\n`)
  console.error(`started configure job ${started.jobId} on ${started.productId}`)
}

export const playground = async (command: "env" | "publish" | "golive" | "submit" | "configure", argv: ReadonlyArray<string>) => {
  const { values, positionals } = parseArgs({ args: [...argv], options: { url: { type: "string" } }, allowPositionals: true })
  const base = adminUrl(values.url)
  const state = readRunState(base.port || (base.protocol === "https:" ? "443" : "80"))
  if (command === "env") {
    if (positionals.length > 0) throw new UsageError(`env takes no arguments, got ${JSON.stringify(positionals[0])}`)
    const tokens = await readyTokens(base, state)
    const adminToken = process.env["CPP_EMULATOR_ADMIN_TOKEN"] ?? state?.adminToken ?? ""
    const env = clientEnv(base.origin, tokens, adminToken, base.protocol === "https:" ? state?.certificate : undefined)
    return void process.stdout.write(exportLines(env))
  }
  if (command === "submit" || command === "configure") return startOnProduct(base, state, command, positionals)
  const [offer, ...extra] = positionals
  const ids = /^([^/\s]+)\/([^/\s]+)$/.exec(offer ?? "")
  if (ids === null || extra.length > 0) throw new UsageError(`${command} takes one <publisherId>/<offerId>, e.g. contoso/contoso-vm`)
  const started = await call(base, state, "POST", "/_emulator/operations", { publisherId: ids[1], offerId: ids[2], kind: command }) as { id: string }
  console.log(`started ${command} ${started.id} on ${ids[1]}/${ids[2]}`)
}
