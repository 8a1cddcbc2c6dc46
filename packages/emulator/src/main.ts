/**
 * `pnpm emulator`: runs the emulator with the demo world until SIGINT/SIGTERM
 * and prints, as KEY=VALUE lines, what a client needs to talk to it.
 */
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { demoPrincipal } from "./Demo.ts"
import { makeEmulator } from "./Emulator.ts"

const usage = "usage: emulator [--port N] [--https] [--time-scale N]"

const flags = (argv: ReadonlyArray<string>) => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", default: "8787" },
      https: { type: "boolean", default: false },
      "time-scale": { type: "string", default: "0" },
      help: { type: "boolean", default: false }
    }
  })
  const port = Number(values.port)
  const timeScale = Number(values["time-scale"])
  if (values.help || !Number.isInteger(port) || port < 0 || !(timeScale >= 0)) {
    console.error(usage)
    process.exit(values.help ? 0 : 2)
  }
  return { port, https: values.https, timeScale }
}

/** A month of virtual time, so the printed token outlives a fast time scale. */
const readyTokenTtlSeconds = 30 * 24 * 3600

const program = Effect.gen(function*() {
  const options = flags(process.argv.slice(2))
  const emulator = yield* makeEmulator({ ...options, demo: true })
  const token = emulator.issueToken({ publishers: ["contoso"], ttlSeconds: readyTokenTtlSeconds })
  const lines = [`CPP_BASE_URL=${emulator.url}`, `CPP_TOKEN=${token}`]
  if (emulator.certificatePem !== undefined) {
    // Entra clients (@azure/identity) insist on an https authority, so the demo principal's
    // credentials are only worth printing here. Node clients trust the certificate through
    // NODE_EXTRA_CA_CERTS, which must be set before they start.
    const file = join(tmpdir(), `cpp-emulator-${process.pid}.pem`)
    writeFileSync(file, emulator.certificatePem)
    lines.push(
      `AZURE_TENANT_ID=${demoPrincipal.tenantId}`,
      `AZURE_CLIENT_ID=${demoPrincipal.clientId}`,
      `AZURE_CLIENT_SECRET=${demoPrincipal.clientSecret}`,
      `AZURE_AUTHORITY_HOST=${emulator.url}`,
      `NODE_EXTRA_CA_CERTS=${file}`
    )
  }
  yield* Console.log(lines.join("\n"))
  return yield* Effect.never
}).pipe(Effect.scoped)

NodeRuntime.runMain(program)
