// Packs the CLI for everyday use outside the repository: `npm install -g offerops-cli-<version>.tgz`.
// The tarball holds the bin and the rolldown bundle (run `node build.mjs` first), and a manifest with
// no dependencies at all: the bundle carries every one, so installing needs no registry and no
// workspace. Prints the tarball's path.
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL(".", import.meta.url))
if (!existsSync(join(here, "dist/offerops.js"))) throw new Error("no dist/offerops.js: run `node build.mjs` first")

const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"))
const staging = mkdtempSync(join(tmpdir(), "offerops-pack-"))
try {
  cpSync(join(here, "bin/offerops.js"), join(staging, "bin/offerops.js"))
  cpSync(join(here, "bin/preinstall.cjs"), join(staging, "bin/preinstall.cjs"))
  // meta.json is build.mjs's account of what went into each file, for developers only.
  cpSync(join(here, "dist"), join(staging, "dist"), { recursive: true, filter: (path) => !path.endsWith("meta.json") })
  cpSync(join(here, "README.md"), join(staging, "README.md"))
  const { name, version, description, type, bin, engines } = manifest
  // npm only warns about `engines`; the preinstall check refuses an older Node before anything is installed.
  const scripts = { preinstall: "node bin/preinstall.cjs" }
  writeFileSync(
    join(staging, "package.json"),
    `${JSON.stringify({ name, version, description, type, bin, engines, scripts, license: "UNLICENSED" }, null, 2)}\n`
  )
  // Without the npm_config_* variables pnpm sets for its scripts, which npm does not know.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_")))
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", here], { cwd: staging, env, encoding: "utf8" }))
  console.log(join(here, packed.filename))
} finally {
  rmSync(staging, { recursive: true, force: true })
}
