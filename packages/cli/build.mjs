// Bundles the CLI into dist/offerops.js: one file to load instead of hundreds of modules, which is
// most of a CLI's start-up. @azure/identity stays in a lazily loaded chunk, so a static CPP_TOKEN
// never loads it.
import { build } from "esbuild"
import { rmSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

const outdir = new URL("./dist/", import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })

// @effect/platform-node reaches undici through `export * from "undici"`, which esbuild cannot expand
// for a CommonJS package; name the members it uses so the bundled namespace has them.
const undiciNamespace = {
  name: "undici-namespace",
  setup(build) {
    build.onLoad({ filter: /@effect[\\/]platform-node[\\/]dist[\\/]Undici\.js$/ }, (args) => ({
      contents: [
        "import Undici from \"undici\"",
        "export default Undici",
        "export const { Agent, Dispatcher, Pool, Client, getGlobalDispatcher, setGlobalDispatcher } = Undici"
      ].join("\n"),
      resolveDir: dirname(args.path),
      loader: "js"
    }))
  }
}

const result = await build({
  entryPoints: { offerops: new URL("./src/bin.ts", import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  legalComments: "none",
  metafile: true,
  chunkNames: "chunks/[name]-[hash]",
  // Some CommonJS dependencies (msal, undici's helpers) call require(); ESM bundles have none.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  plugins: [undiciNamespace]
})

// What went into each file, for esbuild's analyser when start-up grows.
writeFileSync(new URL("./dist/meta.json", import.meta.url), JSON.stringify(result.metafile))
const sizes = Object.entries(result.metafile.outputs)
  .map(([file, { bytes }]) => `${file.replace(/^.*dist\//, "dist/")} ${(bytes / 1024).toFixed(0)} KiB`)
console.log(sizes.join("\n"))
