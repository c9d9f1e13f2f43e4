// Starts the web host (`src/webhost/index.ts`, the `npm run web` entry) as a child process on a
// free port with a fresh data directory, and stops it by its own process id.
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

const ROOT = resolve(import.meta.dirname, "../../..")
const READY_TIMEOUT_MS = 60_000

export interface WebHostProcess {
  origin: string
  pages: Record<string, string>
  /** Everything the host printed, for failure messages. */
  output(): string
  stop(): Promise<void>
}

export async function startWebHostProcess(profiles: string[]): Promise<WebHostProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "parley-e2e-"))
  const args = ["--import", "tsx", join(ROOT, "src/webhost/index.ts"), "--port", "0", "--data-dir", dataDir, ...profiles.flatMap((p) => ["--profile", p])]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()))

  const ready = await new Promise<{ origin: string; pages: Record<string, string> }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start in ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS)
    const onData = () => {
      const line = output.split("\n").find((candidate) => candidate.startsWith("WEBHOST_READY "))
      if (!line) return
      clearTimeout(timer)
      child.stdout.off("data", onData)
      resolveReady(JSON.parse(line.slice("WEBHOST_READY ".length)) as { origin: string; pages: Record<string, string> })
    }
    child.stdout.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the web host exited with ${code} before it was ready:\n${output}`))
    })
  })

  return {
    ...ready,
    output: () => output,
    stop: async () => {
      await stopChild(child, exited)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill("SIGTERM")
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000)
  await exited
  clearTimeout(timer)
}
