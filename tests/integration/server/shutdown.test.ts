// Graceful shutdown: open streams end with UNAVAILABLE, no acknowledged write is lost, later
// calls are refused, on either database; and the standalone CLI stops cleanly on SIGTERM and SIGINT.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { createRequire } from "node:module"
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import type { NodeDatabase } from "../../../src/server/node"
import type { NodeValidators } from "../../../src/server/validators"
import { api } from "./support/api"
import { BACKENDS, suiteDatabase, testDatabase } from "./support/databases"
import { randomId, startTestNode, testKeyPackage, testValidators } from "./support/fixtures"
import { RawClient } from "./support/rawClient"

describe.each(BACKENDS)("stop() on %s", (backend) => {
  const db = suiteDatabase(backend)

  it("ends open streams with UNAVAILABLE, refuses new calls, and finishes the writes in flight", async () => {
    // Key package validation waits on a gate, so uploads are provably in flight when stop() runs.
    let entered = 0
    let openGate!: () => void
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    const gated: NodeValidators = {
      ...testValidators,
      validateKeyPackage: async (bytes) => {
        entered++
        await gate
        return testValidators.validateKeyPackage(bytes)
      },
    }
    const first = await startTestNode(db.database, gated)
    const node = api(first.client)
    const group = node.subscribeGroupMessages([{ groupId: randomId() }])
    const welcomes = node.subscribeWelcomeMessages([{ installationKey: randomId() }])
    await Promise.all([group.headers, welcomes.headers])

    const installations = Array.from({ length: 10 }, () => randomId())
    const uploads = installations.map((installation) => node.uploadKeyPackage(testKeyPackage(installation)))
    while (entered < installations.length) await new Promise((resolve) => setTimeout(resolve, 5))

    let stopped = false
    const stopping = first.node.stop().then(() => (stopped = true))
    expect(await group.ended).toEqual({ code: status.UNAVAILABLE, details: "service is shutting down" })
    expect((await welcomes.ended).code).toBe(status.UNAVAILABLE)
    await expect(node.queryGroupMessages(randomId())).rejects.toMatchObject({ code: status.UNAVAILABLE })
    expect(stopped).toBe(false)

    openGate()
    await Promise.all(uploads)
    await stopping
    first.client.close()

    const second = await startTestNode(db.database)
    try {
      const fetched = await api(second.client).fetchKeyPackages(installations)
      expect(fetched.keyPackages.map((kp) => Buffer.from(kp.keyPackageTlsSerialized).toString())).toEqual(
        installations.map((installation) => Buffer.from(testKeyPackage(installation)).toString()),
      )
    } finally {
      await second.stop()
    }
  })

  it("refuses calls once stopped, and stopping twice is harmless", async () => {
    const running = await startTestNode(db.database)
    await running.node.stop()
    await running.node.stop()
    const late = new RawClient(running.node.address)
    await expect(api(late).queryGroupMessages(randomId())).rejects.toMatchObject({ code: status.UNAVAILABLE })
    late.close()
    running.client.close()
  })
})

describe("cli", () => {
  const tsxLoader = createRequire(import.meta.url).resolve("tsx")
  const databaseArguments = (database: NodeDatabase): string[] =>
    database.kind === "sqlite" ? ["--db", database.path] : ["--postgres", database.url]

  it.each([
    ["SIGTERM", "sqlite"],
    ["SIGINT", "sqlite"],
    ["SIGTERM", "postgres"],
  ] as const)("serves until %s, then stops cleanly with exit code 0 (%s)", async (signal, backend) => {
    const db = await testDatabase(backend)
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader, "src/server/cli.ts", "--port", "0", ...databaseArguments(db.database), "--log-level", "info"],
      { stdio: ["ignore", "pipe", "pipe"] },
    )
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    try {
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", () => {
          const match = /listening on (http:\/\/\S+)/.exec(output)
          if (match?.[1]) resolve(match[1])
        })
        child.once("exit", () => reject(new Error(`cli exited early: ${output}`)))
      })
      const client = new RawClient(address)
      expect((await api(client).queryGroupMessages(randomId())).messages).toEqual([])
      client.close()

      child.kill(signal)
      const [code] = await once(child, "exit")
      expect(code).toBe(0)
      expect(output).toMatch(/stopped/)
      // At the default level the node prints its start and stop lines and nothing else.
      expect(output.trim().split("\n")).toHaveLength(2)
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL")
      await db.remove()
    }
  })

  it("refuses bad arguments with exit code 2", async () => {
    const child = spawn(process.execPath, ["--import", tsxLoader, "src/server/cli.ts", "--port", "99999"], { stdio: "pipe" })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = await once(child, "exit")
    expect(code).toBe(2)
    expect(stderr).toMatch(/--port/)
  })
})
