/**
 * Flags read straight from argv, before effect/cli parses it: a parse error must be reported in the
 * requested mode and language too, and it happens before parsed flags exist.
 */
export type OutputMode = "text" | "json"

/** The mode as given on the command line (`--output json|text`); the last valid value wins. */
export const outputModeOf = (argv: ReadonlyArray<string>): OutputMode =>
  flagValues(argv, "output").reduce<OutputMode>((mode, value) => value === "json" || value === "text" ? value : mode, "text")

/** Every value given to `--name` (as `--name v` or `--name=v`) before a `--`, in order. */
export const flagValues = (argv: ReadonlyArray<string>, name: string): ReadonlyArray<string> => {
  const values: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "--") break
    const value = arg === `--${name}` ? argv[i + 1] : arg.startsWith(`--${name}=`) ? arg.slice(name.length + 3) : undefined
    if (value !== undefined) values.push(value)
  }
  return values
}
