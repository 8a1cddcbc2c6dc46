// How offerops' code is bundled: build.mjs bundles the CLI with it, bench/startup.mjs the floor
// programs it measures the CLI against, so that both load the same way.
export const bundleOutput = {
  format: "esm",
  minify: true,
  comments: false,
  // Source text with any non-ASCII character is decoded as UTF-8 into a two-byte string at every
  // start (~20 ms here for the catalogues' languages); escaped, it stays a one-byte string.
  charset: "ascii"
}
