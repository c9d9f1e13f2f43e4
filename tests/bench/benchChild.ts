// What every forked bench child shares: its memory figures, its one way to talk to the parent
// (IPC), and how it ends, so a failure reaches the parent as a report rather than a lost stack.

export const rssMb = () => process.memoryUsage().rss / 1024 / 1024
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024

/** Sends one report to the parent and waits until it is handed over (no-op when not forked). */
export function reportToParent<R>(message: R): Promise<void> {
  return new Promise((resolve) => process.send?.(message, () => resolve()) ?? resolve())
}

/**
 * Runs the child's task, reports a failure as `{ type: "failed", error }`, then ends the process:
 * the SDK's native workers would otherwise keep it alive after the task is over.
 */
export function runBenchChild(main: () => Promise<void>): void {
  main()
    .catch(async (error: unknown) => {
      await reportToParent({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      process.exitCode = 1
    })
    .finally(() => process.exit())
}
