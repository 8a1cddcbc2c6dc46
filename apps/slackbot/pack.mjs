// Packs the bot for a host: `npm install -g offerops-slackbot-<version>.tgz`. The tarball holds the
// installed bin (bin/installed.js as bin/offerops-slackbot.js), the Node check npm runs before
// installing (bin/preinstall.cjs), the esbuild bundle (run
// `node build.mjs` first), the README and the Slack app manifest, and a package.json with no
// dependencies: the bundle carries every one, so installing needs no registry and no workspace.
// Prints the tarball's path.
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL(".", import.meta.url))
if (!existsSync(join(here, "dist/slackbot.js"))) throw new Error("no dist/slackbot.js: run `node build.mjs` first")

const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"))
const staging = mkdtempSync(join(tmpdir(), "offerops-slackbot-pack-"))
try {
  cpSync(join(here, "bin/installed.js"), join(staging, "bin/offerops-slackbot.js"))
  cpSync(join(here, "bin/preinstall.cjs"), join(staging, "bin/preinstall.cjs"))
  cpSync(join(here, "dist/slackbot.js"), join(staging, "dist/slackbot.js"))
  for (const file of ["README.md", "manifest.yaml"]) cpSync(join(here, file), join(staging, file))
  const { version, description, type, engines } = manifest
  // npm only warns about `engines`; the preinstall check refuses an older Node before anything is installed.
  const scripts = { preinstall: "node bin/preinstall.cjs" }
  const packed = { name: "offerops-slackbot", version, description, type, bin: { "offerops-slackbot": "./bin/offerops-slackbot.js" }, engines, scripts, license: "UNLICENSED" }
  writeFileSync(join(staging, "package.json"), `${JSON.stringify(packed, null, 2)}\n`)
  // Without the npm_config_* variables pnpm sets for its scripts, which npm does not know.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_config_")))
  const [result] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", here], { cwd: staging, env, encoding: "utf8" }))
  console.log(join(here, result.filename))
} finally {
  rmSync(staging, { recursive: true, force: true })
}
