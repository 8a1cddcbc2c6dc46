// Bundles the CLI into dist/offerops.js: one file to load instead of hundreds of modules, which is
// most of a CLI's start-up. @azure/identity stays in a lazily loaded chunk, so a static CPP_TOKEN
// never loads it, as does the proxy set-up (Proxy.ts), which only a run with HTTPS_PROXY needs.
import { build } from "esbuild"
import { rmSync, writeFileSync } from "node:fs"
import { readFile } from "node:fs/promises"

const outdir = new URL("./dist/", import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })

// effect/cli builds its grapheme segmenter when the module is evaluated; creating an Intl.Segmenter
// loads ICU's break-iteration data (~10 ms), which only help and error output (the text width of
// columns) need. Build it on first use instead. A changed source fails the build, not the CLI.
const lazySegmenter = {
  name: "lazy-grapheme-segmenter",
  setup(build) {
    build.onLoad({ filter: /effect[\\/]dist[\\/]cli[\\/]CliOutput\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8")
      const eager = /const graphemeSegmenter = \/\*#__PURE__\*\/new Intl\.Segmenter\(undefined, \{\s*granularity: "grapheme"\s*\}\);/
      if (!eager.test(source)) throw new Error(`${args.path}: the grapheme segmenter is no longer built as expected`)
      const lazy = [
        "let segmenter",
        "const graphemeSegmenter = { segment: (text) => (segmenter ??= new Intl.Segmenter(undefined, { granularity: \"grapheme\" })).segment(text) };"
      ].join("\n")
      return { contents: source.replace(eager, lazy), loader: "js" }
    })
  }
}

// The CLI's requests go through Node's built-in fetch, which is undici already: a second copy from
// npm cost more start-up than all of Effect. Anything that pulls it back in fails the build.
const noNpmUndici = {
  name: "no-npm-undici",
  setup(build) {
    build.onResolve({ filter: /^undici(\/|$)/ }, (args) => ({
      errors: [{ text: `${args.importer} imports npm undici; the CLI runs on Node's built-in fetch (src/Live.ts)` }]
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
  // Some CommonJS dependencies (msal and its helpers) call require(); ESM bundles have none.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  plugins: [lazySegmenter, noNpmUndici]
})

// What went into each file, for esbuild's analyser when start-up grows.
writeFileSync(new URL("./dist/meta.json", import.meta.url), JSON.stringify(result.metafile))
const sizes = Object.entries(result.metafile.outputs)
  .map(([file, { bytes }]) => `${file.replace(/^.*dist\//, "dist/")} ${(bytes / 1024).toFixed(0)} KiB`)
console.log(sizes.join("\n"))
