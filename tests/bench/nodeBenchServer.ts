// Child process of the node benchmark: runs one Parley node on loopback, so the node's peak memory
// is its own and the subscribers and publisher do not share its event loop.
import { startNode, type NodeDatabase } from "../../src/server/node"
import type { ServerCommand, ServerReport } from "./nodeBenchProtocol"

const report = (message: ServerReport) => process.send?.(message)

async function main(): Promise<void> {
  const target = process.argv[2]
  if (!target || !process.send) throw new Error("usage: fork nodeBenchServer.ts (SQLITE_PATH | POSTGRES_URL) (with an IPC channel)")
  const database: NodeDatabase = /^postgres(ql)?:\/\//.test(target) ? { kind: "postgres", url: target } : { kind: "sqlite", path: target }
  const node = await startNode({ port: 0, database, logLevel: "warn" })
  process.on("message", (command: ServerCommand) => {
    if (command.type !== "stop") return
    void node.stop().then(() => {
      report({ type: "stopped", maxRssKb: process.resourceUsage().maxRSS })
      process.disconnect()
    })
  })
  // The parent going away must not leave a node running.
  process.on("disconnect", () => void node.stop().finally(() => process.exit(0)))
  report({ type: "listening", address: node.address })
}

main().catch((error: unknown) => {
  report({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exit(1)
})
