/**
 * The workflow engine on `effect/cluster`, chosen by the database. SQLite: one runner in this
 * process, its mailbox in the bot's file. Postgres: this process is one runner of several, reached
 * by the others on its runner address; shards (and the workflows in them) move to the survivors
 * when a runner stops renewing its shard locks.
 */
import { NodeClusterSocket } from "@effect/platform-node"
import { ConfigProvider, Duration, Layer, Option } from "effect"
import { ClusterWorkflowEngine, RunnerAddress, ShardingConfig, SingleRunner } from "effect/cluster"
import { Digest } from "effect/crypto"
import type { SqlClient } from "effect/sql"
import type { WorkflowEngine } from "effect/workflow"
import type { Database } from "../store/Database.ts"

/** How fast work moves: a durable sleep is noticed within the poll interval, a lost replica's
 * shards are taken over once its locks expire. */
export interface EngineTuning {
  readonly messagePollInterval?: Duration.Input | undefined
  readonly shardLockRefreshInterval?: Duration.Input | undefined
  readonly shardLockExpiration?: Duration.Input | undefined
}

export const defaultTuning = {
  messagePollInterval: Duration.seconds(1),
  shardLockRefreshInterval: Duration.seconds(5),
  shardLockExpiration: Duration.seconds(20)
} as const

export const layerEngine = (
  database: Database,
  tuning: EngineTuning = {}
): Layer.Layer<WorkflowEngine.WorkflowEngine, unknown, SqlClient.SqlClient> => {
  const shared: Partial<ShardingConfig.ShardingConfig["Service"]> = {
    entityMessagePollInterval: tuning.messagePollInterval ?? defaultTuning.messagePollInterval,
    shardLockRefreshInterval: tuning.shardLockRefreshInterval ?? defaultTuning.shardLockRefreshInterval,
    shardLockExpiration: tuning.shardLockExpiration ?? defaultTuning.shardLockExpiration
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
  return ClusterWorkflowEngine.layer.pipe(
    Layer.provide(cluster),
    // ShardingConfig would read HOST and PORT from the environment — PORT is the bot's Slack port.
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({})))
  )
}
