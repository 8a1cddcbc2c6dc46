// The bot as its own process for the restart and replica tests: startBot on this process's
// environment, with polls shortened so a test waits seconds, not minutes. SIGTERM stops it.
import { Duration } from "effect"
import { startBot } from "../../src/main.ts"

const bot = await startBot({
  host: "127.0.0.1",
  cpp: {
    pollInitial: Duration.millis(200),
    pollMax: Duration.millis(400),
    retryAfterMin: Duration.millis(100),
    retryAfterMax: Duration.millis(400),
    retryBase: Duration.millis(10),
    retryCap: Duration.millis(50)
  },
  // Takeover time comes from OFFEROPS_TAKEOVER_SECONDS, as in production.
  engine: { messagePollInterval: Duration.millis(200) }
})
console.log(JSON.stringify({ msg: "offerops-slackbot ready", url: bot.url }))
process.once("SIGTERM", () => void bot.stop().then(() => process.exit(0)))
