import { defineConfig } from "vitest/config"

// End-to-end tests: the built renderer in Debian's Chromium, served by the web host. Run after
// `electron-vite build` (npm test does); one file at a time, the host and the browser are heavy.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
})
