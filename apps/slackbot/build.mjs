// Bundles the bot for the packed package (`pnpm slackbot:pack`): src/main.ts and every production
// dependency (Bolt, Effect, the SQL clients, pg) into dist/, so installing needs no registry. SQLite
// is Node's own node:sqlite: nothing native is left to build. Only the bot's composition root goes in:
// no emulator, no try-mode, no tests.
import { build } from "esbuild"
import { rmSync, writeFileSync } from "node:fs"

const outdir = new URL("./dist/", import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })

const result = await build({
  entryPoints: { slackbot: new URL("./src/main.ts", import.meta.url).pathname },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  legalComments: "none",
  metafile: true,
  // Optional native add-ons their packages load only if installed: pg's libpq binding, ws's
  // faster masking and UTF-8 checks. Without them each uses its JavaScript code.
  external: ["pg-native", "bufferutil", "utf-8-validate"],
  // CommonJS dependencies (Bolt, express, pg) call require(); ESM bundles have none.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning"
})

// What went into the bundle, for esbuild's analyser.
writeFileSync(new URL("./dist/meta.json", import.meta.url), JSON.stringify(result.metafile))
const sizes = Object.entries(result.metafile.outputs).map(([file, { bytes }]) => `${file.replace(/^.*dist\//, "dist/")} ${(bytes / 1024).toFixed(0)} KiB`)
console.log(sizes.join("\n"))
