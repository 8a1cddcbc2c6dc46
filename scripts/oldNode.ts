/**
 * For the bins' tests: a Node older than 22.19 on this machine (the stock one, before
 * `. scripts/bootstrap.sh`), to check that a bin says what to do instead of crashing; or, when there
 * is none, why that check is skipped.
 */
import { execFileSync, spawnSync } from "node:child_process"

const tooOld = (version: string) => {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number)
  return major < 22 || (major === 22 && minor < 19)
}

const output = (command: string, args: ReadonlyArray<string>) => {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).trim()
  } catch {
    return undefined
  }
}

export const oldNode: { readonly path: string; readonly version: string } | { readonly skipped: string } = (() => {
  const onPath = output("which", ["-a", "node"])?.split("\n") ?? []
  for (const path of new Set([...onPath, "/usr/local/bin/node", "/usr/bin/node"])) {
    const version = output(path, ["--version"])
    if (version !== undefined && tooOld(version)) return { path, version }
  }
  return { skipped: "every node on this machine is >= 22.19" }
})()

/** The test's name, with the reason when it is skipped. */
export const oldNodeTitle = (title: string) => ("skipped" in oldNode ? `${title} (skipped: ${oldNode.skipped})` : title)

/** Runs `bin` on the old Node: its exit code and what it printed. */
export const runOnOldNode = (bin: string, args: ReadonlyArray<string> = []) => {
  if ("skipped" in oldNode) throw new Error(oldNode.skipped)
  const child = spawnSync(oldNode.path, [bin, ...args], { encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" }, timeout: 30_000 })
  return { code: child.status, stdout: child.stdout, stderr: child.stderr }
}
