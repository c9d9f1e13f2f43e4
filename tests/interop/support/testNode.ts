// A Parley delivery node on loopback for interop tests: a temp SQLite file, an OS-chosen port, and a
// restart that reopens the same file on the same port (what a crash-and-restart looks like to clients).
import { join } from "node:path"
import { startNode, type RunningNode } from "../../../src/server/node"

export interface TestNode {
  /** http://127.0.0.1:PORT, what the SDK takes as `apiUrl`. */
  readonly address: string
  readonly port: number
  readonly dbPath: string
  /** Stops the node and starts a new one on the same database file and port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export async function startTestNode(dir: string, name = "node"): Promise<TestNode> {
  const dbPath = join(dir, `${name}.sqlite`)
  let running: RunningNode | undefined = await startNode({ port: 0, dbPath, logLevel: "warn" })
  const port = running.port
  const address = running.address

  return {
    address,
    port,
    dbPath,
    async restart() {
      await running?.stop()
      running = undefined
      const next = await startNode({ port, dbPath, logLevel: "warn" })
      if (next.address !== address) {
        await next.stop()
        throw new Error(`restarted node moved from ${address} to ${next.address}; clients cannot follow it`)
      }
      running = next
    },
    async stop() {
      const current = running
      running = undefined
      await current?.stop()
    },
  }
}
