// The PostgreSQL database of the node benchmark's Postgres row: a fresh database on the server
// PARLEY_TEST_POSTGRES_URL names, or else on a throwaway local cluster with durability on (as
// SQLite's synchronous=FULL), removed afterwards.
import {
  createDatabase,
  POSTGRES_URL_VARIABLE,
  startThrowawayCluster,
  stopThrowawayCluster,
} from "../integration/server/support/postgresCluster"

export async function benchPostgresDatabase(): Promise<{ url: string; release(): Promise<void> }> {
  const serverUrl = process.env[POSTGRES_URL_VARIABLE]
  const cluster = serverUrl ? undefined : startThrowawayCluster({ durable: true })
  try {
    const database = await createDatabase(serverUrl ?? cluster?.url ?? "")
    return {
      url: database.url,
      release: async () => {
        await database.drop()
        if (cluster) stopThrowawayCluster(cluster)
      },
    }
  } catch (error) {
    if (cluster) stopThrowawayCluster(cluster)
    throw error
  }
}
