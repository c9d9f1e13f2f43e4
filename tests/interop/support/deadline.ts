// Bounded waiting for interop tests: every wait has a deadline and fails with what it was waiting
// for and what it last saw, so a hung peer shows up as a readable failure instead of a test timeout.

export class DeadlineError extends Error {
  override readonly name = "DeadlineError"
  readonly code = "DeadlineExceeded"
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastSeen?: string,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}${lastSeen === undefined ? "" : `; last seen: ${lastSeen}`}`)
  }
}

export interface PollOptions {
  timeoutMs?: number
  intervalMs?: number
  /** Renders the last probe result (or error) for the failure message. */
  describe?: (last: unknown) => string
  /** Whether a probe that throws is tried again (default) or ends the wait with its error. */
  retryErrors?: boolean
}

const DEFAULT_TIMEOUT_MS = 20_000
const DEFAULT_INTERVAL_MS = 100

/**
 * Calls `probe` until it returns something other than undefined/false, and returns that value.
 * A probe that throws is retried too (peers are often briefly unready); its last error is reported.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: PollOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await withDeadline(`${what} (one probe)`, Promise.resolve(probe()), Math.max(1, deadline - Date.now()))
      if (value !== undefined && value !== false) return value
      last = value
    } catch (error) {
      if (error instanceof DeadlineError) throw new DeadlineError(what, timeoutMs, render(last, options.describe))
      if (options.retryErrors === false) throw error
      last = error
    }
    if (Date.now() >= deadline) throw new DeadlineError(what, timeoutMs, render(last, options.describe))
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
}

/** Resolves with `promise`, or rejects with a DeadlineError once `timeoutMs` has passed. */
export async function withDeadline<T>(what: string, promise: Promise<T>, timeoutMs: number = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, timeoutMs)), timeoutMs)
  })
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function render(last: unknown, describe?: (last: unknown) => string): string {
  if (describe) return describe(last)
  if (last instanceof Error) return `${last.name}: ${last.message}`
  try {
    return JSON.stringify(last, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
  } catch {
    return String(last)
  }
}
