// Bundles the CLI into dist/: what every run needs in one chunk instead of hundreds of modules, which
// is most of a CLI's start-up. What only some runs need is in lazily loaded chunks: @azure/identity
// (a static CPP_TOKEN never loads it), the proxy set-up (Proxy.ts, only with HTTPS_PROXY), trace
// export, and each language other than English. msal and its helpers are CommonJS and call require(),
// which an ES module lacks: rolldown gives the chunks that do one made with createRequire.
//
// Rolldown, not esbuild: what a run loads is what a run costs, and rolldown drops the parts of
// Effect's modules nothing uses where esbuild keeps them (Schema alone brought crypto, net and HTTP
// cookies along): half the bytes on the main path, a sixth less start-up (README, Speed).
import { rmSync, writeFileSync } from "node:fs"
import { build } from "rolldown"
import { bundleOutput } from "./bundling.mjs"

const outdir = new URL("./dist/", import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })

// effect/cli builds its grapheme segmenter when the module is evaluated; creating an Intl.Segmenter
// loads ICU's break-iteration data (~10 ms), which only help and error output (the text width of
// columns) need. Build it on first use instead. A changed source fails the build, not the CLI.
const lazySegmenter = {
  name: "lazy-grapheme-segmenter",
  transform(code, id) {
    if (!/effect[\\/]dist[\\/]cli[\\/]CliOutput\.js$/.test(id)) return
    const eager = /const graphemeSegmenter = \/\*#__PURE__\*\/new Intl\.Segmenter\(undefined, \{\s*granularity: "grapheme"\s*\}\);/
    if (!eager.test(code)) throw new Error(`${id}: the grapheme segmenter is no longer built as expected`)
    const lazy = [
      "let segmenter",
      "const graphemeSegmenter = { segment: (text) => (segmenter ??= new Intl.Segmenter(undefined, { granularity: \"grapheme\" })).segment(text) };"
    ].join("\n")
    return { code: code.replace(eager, lazy) }
  }
}

// The CLI's requests go through Node's built-in fetch, which is undici already: a second copy from
// npm cost more start-up than all of Effect. Anything that pulls it back in fails the build.
const noNpmUndici = {
  name: "no-npm-undici",
  resolveId(source, importer) {
    if (/^undici(\/|$)/.test(source)) throw new Error(`${importer} imports npm undici; the CLI runs on Node's built-in fetch (src/Live.ts)`)
  }
}

const bundle = await build({
  input: { offerops: new URL("./src/bin.ts", import.meta.url).pathname },
  platform: "node",
  plugins: [lazySegmenter, noNpmUndici],
  // An optional peer of msal (Kerberos sign-in) that offerops never uses: left as the import it is.
  external: ["kerberos"],
  logLevel: "warn",
  output: {
    ...bundleOutput,
    dir: outdir,
    chunkFileNames: "chunks/[name]-[hash].js",
    // Everything a run needs in one file (behind a one-line entry); the lazy parts in chunks of their own.
    codeSplitting: { groups: [{ name: "offerops", tags: ["$initial"] }] }
  }
})

// What went into each file (source path → bytes in the output), for finding what start-up loads.
const outputs = Object.fromEntries(
  bundle.output.filter((file) => file.type === "chunk").map((chunk) => [
    `dist/${chunk.fileName}`,
    {
      bytes: Buffer.byteLength(chunk.code),
      imports: [...chunk.imports, ...chunk.dynamicImports.map((path) => `${path} (lazy)`)],
      inputs: Object.fromEntries(Object.entries(chunk.modules).map(([id, module]) => [id, { bytesInOutput: module.renderedLength }]))
    }
  ])
)
const inputs = Object.fromEntries(Object.values(outputs).flatMap((output) => Object.keys(output.inputs).map((id) => [id, {}])))
writeFileSync(new URL("./dist/meta.json", import.meta.url), JSON.stringify({ inputs, outputs }))
console.log(Object.entries(outputs).map(([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`).join("\n"))
