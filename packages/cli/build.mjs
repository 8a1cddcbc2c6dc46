// Bundles the CLI into dist/offerops.js: one file to load instead of hundreds of modules, which is
// most of a CLI's start-up. @azure/identity stays in a lazily loaded chunk, so a static CPP_TOKEN
// never loads it.
import { build } from "esbuild"
import { rmSync, writeFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { dirname } from "node:path"

const outdir = new URL("./dist/", import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })

// @effect/platform-node reaches undici through `export * from "undici"`, which esbuild cannot expand
// for a CommonJS package, and undici's index evaluates all of undici (fetch, WebSocket, caches, mocks)
// where platform-node's client needs only the Agent and the dispatcher API. Build its Undici module
// from those parts, wired up as undici's index does (the API methods on Dispatcher.prototype; the
// global dispatcher module). A file moved in an undici upgrade fails the build rather than the CLI.
const undiciNamespace = {
  name: "undici-namespace",
  setup(build) {
    build.onLoad({ filter: /@effect[\\/]platform-node[\\/]dist[\\/]Undici\.js$/ }, (args) => ({
      contents: [
        "import Agent from \"undici/lib/dispatcher/agent.js\"",
        "import Client from \"undici/lib/dispatcher/client.js\"",
        "import Dispatcher from \"undici/lib/dispatcher/dispatcher.js\"",
        "import Pool from \"undici/lib/dispatcher/pool.js\"",
        "import api from \"undici/lib/api/index.js\"",
        "import { getGlobalDispatcher, setGlobalDispatcher } from \"undici/lib/global.js\"",
        "Object.assign(Dispatcher.prototype, api)",
        "export { Agent, Client, Dispatcher, Pool, getGlobalDispatcher, setGlobalDispatcher }",
        "export default { Agent, Client, Dispatcher, Pool, getGlobalDispatcher, setGlobalDispatcher }"
      ].join("\n"),
      resolveDir: dirname(args.path),
      loader: "js"
    }))
  }
}

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

// undici's client requires its HTTP/2 module, and with it node:http2 (≈ 6% of a one-request run),
// when it is loaded; only a connection that negotiates h2 needs it. Require it on that first use.
const lazyHttp2 = {
  name: "lazy-undici-h2",
  setup(build) {
    build.onLoad({ filter: /undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8")
      const eager = "const connectH2 = require('./client-h2.js')"
      if (!source.includes(eager)) throw new Error(`${args.path}: client-h2 is no longer required as expected`)
      return { contents: source.replace(eager, "const connectH2 = (...args) => require('./client-h2.js')(...args)"), loader: "js" }
    })
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
  // undici's switch for bundlers (Node's own build sets it): leave out its experimental Milo HTTP/1
  // parser, two WebAssembly builds (~160 KB) that no request uses unless asked for.
  define: { esbuildDetection: "true" },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  plugins: [undiciNamespace, lazySegmenter, lazyHttp2]
})

// What went into each file, for esbuild's analyser when start-up grows.
writeFileSync(new URL("./dist/meta.json", import.meta.url), JSON.stringify(result.metafile))
const sizes = Object.entries(result.metafile.outputs)
  .map(([file, { bytes }]) => `${file.replace(/^.*dist\//, "dist/")} ${(bytes / 1024).toFixed(0)} KiB`)
console.log(sizes.join("\n"))
