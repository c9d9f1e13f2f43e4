import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/{unit,integration,interop}/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Interop tests start official SDK clients (native, multi-threaded) and real nodes; two
    // cores do not gain from running many files at once.
    maxWorkers: 2,
    // A PostgreSQL server for the delivery node's Postgres suites (see the file).
    globalSetup: ["tests/integration/server/support/postgresGlobalSetup.ts"],
  },
})
