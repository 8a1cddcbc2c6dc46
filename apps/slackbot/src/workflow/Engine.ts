/**
 * The workflow engine on `effect/cluster`, chosen by the database. SQLite: one runner in this
 * process, its mailbox in the bot's file. Postgres: this process is one runner of several, reached
 * by the others on its runner address; shards (and the workflows in them) move to the survivors
 * when a runner stops renewing its shard locks.
 */
import { NodeClusterSocket } from "@effect/platform-node"
import { ConfigProvider, Duration, Layer, Option } from "effect"
import { ClusterWorkflowEngine, RunnerAddress, type Sharding, ShardingConfig, SingleRunner } from "effect/cluster"
import { Digest } from "effect/crypto"
import type { SqlClient } from "effect/sql"
import type { WorkflowEngine } from "effect/workflow"
import { wholeNumber } from "../Settings.ts"
import type { Database } from "../store/Database.ts"

/**
 * How fast work moves: a durable sleep is noticed within the poll interval; a lost replica is found
 * by the others' health checks (a ping to its runner address) and its shards are taken over once
 * it is marked unhealthy and its locks are gone.
 */
export interface EngineTuning {
  readonly messagePollInterval?: Duration.Input | undefined
  readonly shardLockRefreshInterval?: Duration.Input | undefined
  readonly shardLockExpiration?: Duration.Input | undefined
  readonly runnerHealthCheckInterval?: Duration.Input | undefined
}

const defaultTuning = {
  messagePollInterval: Duration.seconds(1),
  shardLockRefreshInterval: Duration.seconds(5),
  shardLockExpiration: Duration.seconds(20),
  runnerHealthCheckInterval: Duration.seconds(5)
} as const

/**
 * `OFFEROPS_TAKEOVER_SECONDS`: how long a replica's shard locks outlive it, i.e. how soon the other
 * replicas take over the cancels of one that died (default 20; locks are renewed 4 times as often).
 */
export const readEngineTuning = (env: Readonly<Record<string, string | undefined>>): EngineTuning | string => {
  const seconds = wholeNumber(env, "OFFEROPS_TAKEOVER_SECONDS", "seconds", { min: 4, max: 3600 })
  if (typeof seconds !== "number") return seconds ?? {}
  const quarter = Duration.seconds(seconds / 4)
  return { shardLockExpiration: Duration.seconds(seconds), shardLockRefreshInterval: quarter, runnerHealthCheckInterval: quarter }
}

export const layerEngine = (
  database: Database,
  tuning: EngineTuning = {}
): Layer.Layer<WorkflowEngine.WorkflowEngine | Sharding.Sharding, unknown, SqlClient.SqlClient> => {
  const shared: Partial<ShardingConfig.ShardingConfig["Service"]> = {
    entityMessagePollInterval: tuning.messagePollInterval ?? defaultTuning.messagePollInterval,
    shardLockRefreshInterval: tuning.shardLockRefreshInterval ?? defaultTuning.shardLockRefreshInterval,
    shardLockExpiration: tuning.shardLockExpiration ?? defaultTuning.shardLockExpiration,
    runnerHealthCheckInterval: tuning.runnerHealthCheckInterval ?? defaultTuning.runnerHealthCheckInterval
  }
  const cluster = database._tag === "Sqlite"
    ? SingleRunner.layer({ runnerStorage: "memory", shardingConfig: shared }).pipe(Layer.provide(Digest.layerWebCrypto))
    : NodeClusterSocket.layer({
      storage: "sql",
      shardingConfig: {
        ...shared,
        runnerAddress: Option.some(RunnerAddress.make(database.runner.host, database.runner.port)),
        runnerListenAddress: Option.some(RunnerAddress.make(database.runner.host, database.runner.port))
      }
    })
  // Sharding too: the watcher (watch/Watcher.ts) is a singleton of the same cluster.
  return ClusterWorkflowEngine.layer.pipe(
    Layer.provideMerge(cluster),
    // ShardingConfig would read HOST and PORT from the environment — PORT is the bot's Slack port.
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({})))
  )
}
