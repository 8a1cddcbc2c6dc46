/** Polls until `predicate` holds; the end-to-end tests wait on background work this way, never on fixed sleeps. */
export const eventually = async (predicate: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time")
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
