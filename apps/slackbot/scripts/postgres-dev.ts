// `pnpm postgres:dev`: starts a throwaway Postgres, prints one line `DATABASE_URL=postgres://…`,
// and runs until interrupted (Ctrl-C); the data goes with it.
import { startDevPostgres } from "./DevPostgres.ts"

try {
  const postgres = await startDevPostgres()
  console.log(`DATABASE_URL=${postgres.url}`)
  const stop = () => void postgres.stop().then(() => process.exit(0))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
} catch (error) {
  console.error(`postgres:dev: cannot start Postgres: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
