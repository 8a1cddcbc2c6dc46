/** The tests run the bundle, so build it first: a stale dist/ would test yesterday's code. */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

export default function setup() {
  execFileSync(process.execPath, [fileURLToPath(new URL("../build.mjs", import.meta.url))], { stdio: "ignore" })
}
