// Retrying calls that failed for a passing reason, the way libxmtp does (xmtp_common/src/retry.rs:
// five retries after the first attempt, exponential backoff from 50 ms times 3 with up to 25 ms of
// jitter, each wait capped at 30 s, no new attempt after two minutes in all).
import { ApiError } from "./errors"

export interface RetryEvent {
  method: string
  /** 1 for the first retry. */
  attempt: number
  delayMs: number
  error: ApiError
}

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number
  baseDelayMs: number
  multiplier: number
  maxJitterMs: number
  maxDelayMs: number
  /** No retry starts once this long has passed since the first attempt. */
  maxTotalMs: number
  /** Told before each wait, and awaited, so a caller can log it or hold the retry back. */
  onRetry?: (event: RetryEvent) => void | Promise<void>
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  retries: 5,
  baseDelayMs: 50,
  multiplier: 3,
  maxJitterMs: 25,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
}

/** A policy that never retries, for calls that must not run twice. */
export const NO_RETRY: Readonly<RetryPolicy> = { ...DEFAULT_RETRY_POLICY, retries: 0 }

/**
 * The wait before retry number `retriesDone + 1`. As in libxmtp, the first two waits are both the
 * base delay: the exponent is one less than the number of retries already made.
 */
export function backoffDelayMs(policy: RetryPolicy, retriesDone: number): number {
  let delay = policy.baseDelayMs
  for (let i = 1; i < retriesDone; i++) delay = Math.min(delay * policy.multiplier, policy.maxDelayMs)
  return Math.min(delay, policy.maxDelayMs) + Math.random() * policy.maxJitterMs
}

/** Runs `attempt` until it succeeds, fails for good, or the policy gives up. */
export async function withRetry<T>(
  method: string,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  const started = Date.now()
  for (let retriesDone = 0; ; retriesDone++) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof ApiError) || !error.transient || retriesDone >= policy.retries) throw error
      if (Date.now() - started > policy.maxTotalMs || signal?.aborted) throw error
      const delayMs = backoffDelayMs(policy, retriesDone)
      await policy.onRetry?.({ method, attempt: retriesDone + 1, delayMs, error })
      await sleep(delayMs, method, signal)
    }
  }
}

/** Waits, or rejects with ApiError("Cancelled") as soon as the signal aborts. */
export function sleep(ms: number, method: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(method, signal))
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelled(method, signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    signal?.addEventListener("abort", onAbort, { once: true })
  })
}

export function cancelled(method: string, signal?: AbortSignal): ApiError {
  return new ApiError("Cancelled", method, "cancelled by the caller", { cause: signal?.reason })
}
