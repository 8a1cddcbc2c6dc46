/**
 * Every resume token (or token prefix) the documentation and the help show as an example is how
 * real tokens begin: a person comparing what they hold with the example must not be misled.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { encodeResumeToken, resumeTokenPrefix } from "@offerops/core"
import { expect, it } from "vitest"

const root = fileURLToPath(new URL("../../..", import.meta.url))

const filesUnder = (dir: string, ext: string): ReadonlyArray<string> =>
  readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(ext) && !file.includes("node_modules"))
    .map((file) => join(dir, file))

const documents = [
  "README.md",
  ...["packages", "apps"].flatMap((top) => readdirSync(join(root, top)).map((name) => join(top, name, "README.md"))),
  ...filesUnder("packages/cli/src", ".ts"),
  ...filesUnder("packages/core/src", ".ts"),
  ...filesUnder("apps/slackbot/src", ".ts")
].filter((file) => {
  try {
    readFileSync(join(root, file))
    return true
  } catch {
    return false
  }
})

// Tokens as `cancel --no-wait` (version 1, or 2 after a 202 with its own operation) and a timed-out wait print them.
const location = "https://cloudpartner.azure.com/api/publishers/contoso/offers/contoso-vm/operations/24ebe22d?api-version=2017-10-31"
const realTokens = [
  encodeResumeToken({ location, offer: "contoso/contoso-vm" }),
  encodeResumeToken({ location, deadline: 1_800_000_000_000, offer: "contoso/contoso-vm" }),
  encodeResumeToken({ location, canceled: location, offer: "contoso/contoso-vm" })
]

it("every documented example token is how real tokens begin", () => {
  const examples = documents.flatMap((file) =>
    [...readFileSync(join(root, file), "utf8").matchAll(/eyJ2I[A-Za-z0-9_-]*/g)].map((match) => ({ file, example: match[0] }))
  )
  expect(examples.map(({ file }) => file)).toContain("packages/cli/README.md")
  expect(examples.map(({ file }) => file)).toContain("packages/cli/src/commands/Watch.ts")
  for (const { file, example } of examples) {
    // A short example is a claim about how every token begins ("it starts with …"); a long one shows one token.
    const matching = realTokens.filter((token) => token.startsWith(example))
    expect(matching.length, `${example} in ${file}`).toBe(example.length < 16 ? realTokens.length : matching.length || 1)
    expect(matching.length, `${example} in ${file}`).toBeGreaterThan(0)
  }
  for (const token of realTokens) expect(token.startsWith(resumeTokenPrefix)).toBe(true)
})
