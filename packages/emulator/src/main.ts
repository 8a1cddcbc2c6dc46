/**
 * `pnpm emulator`: runs the emulator with the demo world until Ctrl-C, printing `export KEY=VALUE`
 * lines a client needs; `env`, `publish`, `golive`, `submit` and `configure` talk to one already
 * running (see Playground).
 * Expected failures (a busy port, a bad option) are one line on stderr, never a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import type { Audience } from "./Auth.ts"
import { demoPartnerCenter, demoProductIngestion } from "./Demo.ts"
import { clientEnv, defaultAdminUrl, exportLines, playground, readyTokenTtlSeconds, Refused, UsageError, writeRunState } from "./Playground.ts"

const usage = `usage: emulator [--port N] [--https] [--time-scale N] [--strict]   run one (port 8787, 60 virtual seconds per second;
                                                   --strict: only the documented surface, see the README)
       emulator env [--url URL]                           export lines for a running one (eval "$(pnpm -s emulator env)")
       emulator publish|golive <publisherId>/<offerId> [--url URL]   start an operation on a running one
       emulator submit product:<productId|offerId> [--url URL]      start a Partner Center submission; prints its id
       emulator configure <product/guid|externalId> [--url URL]     start a Product Ingestion configure job; prints its id
URL defaults to $CPP_BASE_URL, else ${defaultAdminUrl}.`

/** A virtual minute per real second: a running publish visibly moves, and "since" columns differ. */
const defaultTimeScale = "60"

const serveFlags = (argv: ReadonlyArray<string>) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", default: "8787" },
      https: { type: "boolean", default: false },
      "time-scale": { type: "string", default: defaultTimeScale },
      strict: { type: "boolean", default: false }
    }
  })
  const port = Number(values.port)
  const timeScale = Number(values["time-scale"])
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${JSON.stringify(values.port)}`)
  if (!(timeScale >= 0)) throw new UsageError(`--time-scale must be a number >= 0, got ${JSON.stringify(values["time-scale"])}`)
  return { port, https: values.https, timeScale, strict: values.strict }
}

const serve = async (argv: ReadonlyArray<string>) => {
  const options = serveFlags(argv)
  // Loaded only to serve: bad arguments and the commands against a running emulator answer at once.
  const { startEmulator, cppResource, graphResource, partnerCenterResource } = await import("./index.ts")
  const emulator = await startEmulator({ ...options, demo: true }).catch((error: unknown) => {
    const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code
    if (code === "EADDRINUSE") throw new Refused(`port ${options.port} is in use; pass --port 0 for a free one`)
    throw error
  })
  const token = (audience: Audience) => emulator.issueToken({ publishers: ["contoso"], ttlSeconds: readyTokenTtlSeconds, audience })
  const tokens = { cpp: token(cppResource), partnerCenter: token(partnerCenterResource), productIngestion: token(graphResource) }
  let certificate: string | undefined
  if (emulator.certificatePem !== undefined) {
    // Entra clients (@azure/identity) insist on an https authority, so the demo principal's
    // credentials are only worth printing here. Node clients trust the certificate through
    // NODE_EXTRA_CA_CERTS, which must be set before they start. The file is in a fresh directory
    // only this user can enter (mkdtemp: 0700, a name nobody could plant a link at); it goes when we do.
    const dir = mkdtempSync(join(tmpdir(), "cpp-emulator-"))
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }))
    certificate = join(dir, "certificate.pem")
    writeFileSync(certificate, emulator.certificatePem, { mode: 0o600, flag: "wx" })
  }
  // How `emulator env|publish|golive|submit|configure` in another shell of this user find the admin token.
  const stateFile = writeRunState(new URL(emulator.url).port, { adminToken: emulator.adminToken, certificate })
  process.once("exit", () => rmSync(stateFile, { force: true }))
  const env = clientEnv(emulator.url, tokens, emulator.adminToken, certificate)
  // Before the first line: whoever reads it may stop the emulator at once, and a signal that comes
  // before Node has a listener for it kills the process without closing. A second Ctrl-C, while
  // closing, ends the process at once (the handlers are `once`).
  const stop = () => void emulator.close().finally(() => process.exit(0))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  process.stdout.write(exportLines(env))
  const urlFlag = emulator.url === defaultAdminUrl ? "" : ` --url ${emulator.url}`
  console.error(
    `cpp-emulator: serving ${emulator.url} (publisher contoso; time runs ${options.timeScale}× real time${
      options.strict ? "; strict: documented requests only" : ""
    }). Ctrl-C stops it.\n` +
      `  another shell:    eval "$(pnpm -s emulator env${urlFlag})"\n` +
      `  another publish:  pnpm -s emulator publish contoso/contoso-vm${urlFlag}\n` +
      `  Partner Center:   product ${demoPartnerCenter.productId} (offer ${demoPartnerCenter.offerId}), submission ${demoPartnerCenter.submissionId}; another: pnpm -s emulator submit product:${demoPartnerCenter.offerId}${urlFlag}\n` +
      `  Product Ingestion: ${demoProductIngestion.productId} (${demoProductIngestion.externalId}), job ${demoProductIngestion.jobId}; another: pnpm -s emulator configure ${demoProductIngestion.externalId}${urlFlag}`
  )
}

const main = async (argv: ReadonlyArray<string>) => {
  if (argv.includes("--help") || argv.includes("-h")) return console.log(usage)
  const [first, ...rest] = argv
  if (first === "env" || first === "publish" || first === "golive" || first === "submit" || first === "configure") {
    return playground(first, rest)
  }
  return serve(argv)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
  const code = (error as { code?: unknown }).code
  if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
    console.error(`cpp-emulator: ${(error as Error).message}\n${usage}`)
    process.exit(2)
  }
  if (error instanceof Refused) {
    console.error(`cpp-emulator: ${error.message}`)
    process.exit(1)
  }
  throw error
})
