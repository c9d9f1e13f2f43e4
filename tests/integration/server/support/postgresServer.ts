// The PostgreSQL server the node's Postgres suites run on. `sh scripts/with-postgres.sh CMD` (as
// `npm run test:ci` does) sets PARLEY_TEST_POSTGRES_URL; without it, vitest's global setup
// (postgresGlobalSetup.ts) starts a throwaway cluster with the same script. Suites never skip: a
// run without a server fails them with the reason and how to get one.
import { inject } from "vitest"
import { POSTGRES_URL_VARIABLE } from "./postgresCluster"

export type PostgresServer = { url: string } | { unavailable: string }

declare module "vitest" {
  export interface ProvidedContext {
    postgresServer: PostgresServer
  }
}

export class PostgresUnavailableError extends Error {
  override readonly name = "PostgresUnavailableError"
  readonly code = "PostgresUnavailable"
}

/** The server's URL (its admin database); throws, saying how to get a server, when there is none. */
export function postgresServerUrl(): string {
  const fromEnvironment = process.env[POSTGRES_URL_VARIABLE]
  if (fromEnvironment) return fromEnvironment
  const server = inject("postgresServer")
  if (server && "url" in server) return server.url
  throw new PostgresUnavailableError(
    `the PostgreSQL suites need a server, and none could be started (${server?.unavailable ?? "vitest's global setup did not run"}). ` +
      "Install PostgreSQL with `sh scripts/install-system-deps.sh` (Debian package postgresql) so the tests start a " +
      `throwaway one, or run them as \`sh scripts/with-postgres.sh npx vitest run ...\`, or set ${POSTGRES_URL_VARIABLE} ` +
      "to a server where the user may create databases.",
  )
}
