// Vitest global setup: gives the run a PostgreSQL server for the node's Postgres suites. With
// PARLEY_TEST_POSTGRES_URL set (scripts/with-postgres.sh), that one; otherwise a throwaway
// cluster started by the same script, stopped and removed when the run ends. If none can be
// started, the Postgres suites fail with the reason (see postgresServer.ts); the others run.
import type { TestProject } from "vitest/node"
import { POSTGRES_URL_VARIABLE, startThrowawayCluster, stopThrowawayCluster } from "./postgresCluster"

export default function setup(project: TestProject): (() => void) | undefined {
  const url = process.env[POSTGRES_URL_VARIABLE]
  if (url) {
    project.provide("postgresServer", { url })
    return undefined
  }
  try {
    const cluster = startThrowawayCluster()
    project.provide("postgresServer", { url: cluster.url })
    return () => stopThrowawayCluster(cluster)
  } catch (error) {
    project.provide("postgresServer", { unavailable: error instanceof Error ? error.message : String(error) })
    return undefined
  }
}
