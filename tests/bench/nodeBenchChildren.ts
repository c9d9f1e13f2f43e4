// Child processes of the node benchmark, run through tsx, with typed, deadline-bounded waits for
// their reports. A child that fails or exits early fails every wait with its reason.
import { fork, type ChildProcess } from "node:child_process"
import { fileURLToPath } from "node:url"

type Report = { type: string }

export class BenchChild<R extends Report, C> {
  private readonly inbox: R[] = []
  private wake: (() => void) | undefined
  private ended: string | undefined
  private readonly child: ChildProcess

  constructor(
    readonly name: string,
    moduleFile: string,
    args: string[],
  ) {
    this.child = fork(fileURLToPath(new URL(moduleFile, import.meta.url)), args, {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    })
    this.child.on("message", (message: R) => {
      if (message.type === "failed") this.ended = `${name} failed: ${(message as R & { error: string }).error}`
      else this.inbox.push(message)
      this.wake?.()
    })
    this.child.on("exit", (code, signal) => {
      this.ended ??= `${name} exited (code ${code}, signal ${signal})`
      this.wake?.()
    })
  }

  send(command: C): void {
    this.child.send(command as object)
  }

  /** The next report of `type`, waiting at most `timeoutMs`. */
  async next<T extends R["type"]>(type: T, timeoutMs: number): Promise<Extract<R, { type: T }>> {
    const report = await this.poll(type, timeoutMs)
    if (report === undefined) throw new Error(`${this.name}: no "${type}" report within ${timeoutMs} ms`)
    return report
  }

  /** Like next(), but undefined when `timeoutMs` passes; a failed or exited child still throws. */
  async poll<T extends R["type"]>(type: T, timeoutMs: number): Promise<Extract<R, { type: T }> | undefined> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const index = this.inbox.findIndex((m) => m.type === type)
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<R, { type: T }>
      if (this.ended !== undefined) throw new Error(`${this.ended} (while waiting for "${type}")`)
      const left = deadline - Date.now()
      if (left <= 0) return undefined
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = undefined
    }
  }

  /** Ends the child if it is still running (by its own handle, never by name). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL")
  }
}
