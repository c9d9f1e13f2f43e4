// Subscriptions that outlive the node: when a stream fails for a passing reason (the node
// restarted, the connection dropped, the node shed a slow reader) it is opened again from the last
// id delivered for each topic, so the caller sees every message once and in order. The node sends
// what came after each filter's cursor before new messages (xmtp-node-go SubscribeGroupMessages),
// which is what makes resuming gap-free; ids at or below a topic's cursor are dropped as repeats.
import { bytesToHex } from "@noble/hashes/utils.js"
import { ApiError, type ApiErrorCode } from "./errors"
import type { MlsApi } from "./mlsApi"
import { DEFAULT_RETRY_POLICY, backoffDelayMs, sleep, type RetryPolicy } from "./retry"
import type { Subscription } from "./serverStream"
import type { GroupMessage, GroupSubscriptionFilter, WelcomeMessage, WelcomeSubscriptionFilter } from "./types"

export interface ReconnectEvent {
  /** 1 for the first reconnect since the last delivered message. */
  attempt: number
  delayMs: number
  error: ApiError
}

export interface ResumeOptions {
  /** The only way to stop the subscription while it waits for the node. */
  signal?: AbortSignal
  /** Waits between reconnects; default libxmtp's backoff (50 ms x3, capped at 30 s). */
  backoff?: Pick<RetryPolicy, "baseDelayMs" | "multiplier" | "maxJitterMs" | "maxDelayMs">
  /** Consecutive failed reconnects before giving up; default unlimited. */
  maxReconnects?: number
  /** Told before each wait, and awaited. */
  onReconnect?: (event: ReconnectEvent) => void | Promise<void>
}

/**
 * Codes after which the same subscription can work again. CANCELLED counts when the caller did
 * not abort: a node shutting down cancels its streams. The rest (a bad filter, an unknown method)
 * would fail the same way every time.
 */
const resumableCodes: ReadonlySet<ApiErrorCode> = new Set([
  "Unavailable",
  "DeadlineExceeded",
  "ResourceExhausted",
  "Internal",
  "Aborted",
  "Cancelled",
  "Unknown",
  "StreamEnded",
])

export function resumableGroupMessages(
  api: MlsApi,
  filters: GroupSubscriptionFilter[],
  options: ResumeOptions = {},
): AsyncGenerator<GroupMessage, void, undefined> {
  const cursors = new Map(filters.map((f) => [bytesToHex(f.groupId), { topic: f.groupId, cursor: f.afterCursor }]))
  return resume(
    cursors,
    (signal) => api.subscribeGroupMessages([...cursors.values()].map((c) => ({ groupId: c.topic, afterCursor: c.cursor })), signal),
    (m) => bytesToHex(m.groupId),
    options,
  )
}

export function resumableWelcomeMessages(
  api: MlsApi,
  filters: WelcomeSubscriptionFilter[],
  options: ResumeOptions = {},
): AsyncGenerator<WelcomeMessage, void, undefined> {
  const cursors = new Map(filters.map((f) => [bytesToHex(f.installationKey), { topic: f.installationKey, cursor: f.afterCursor }]))
  return resume(
    cursors,
    (signal) =>
      api.subscribeWelcomeMessages([...cursors.values()].map((c) => ({ installationKey: c.topic, afterCursor: c.cursor })), signal),
    (m) => bytesToHex(m.installationKey),
    options,
  )
}

async function* resume<T extends { id: bigint }>(
  cursors: Map<string, { topic: Uint8Array; cursor: bigint }>,
  open: (signal: AbortSignal | undefined) => Subscription<T>,
  topicOf: (item: T) => string,
  options: ResumeOptions,
): AsyncGenerator<T, void, undefined> {
  const { signal } = options
  const backoff = { ...DEFAULT_RETRY_POLICY, ...options.backoff }
  let failures = 0
  while (!signal?.aborted) {
    const subscription = open(signal)
    try {
      for await (const item of subscription) {
        const entry = cursors.get(topicOf(item))
        if (entry === undefined || item.id <= entry.cursor) continue
        entry.cursor = item.id
        failures = 0
        yield item
      }
      return // closed by the caller
    } catch (error) {
      if (!(error instanceof ApiError) || !resumableCodes.has(error.code) || signal?.aborted) {
        if (signal?.aborted) return
        throw error
      }
      failures++
      if (failures > (options.maxReconnects ?? Infinity)) throw error
      const delayMs = backoffDelayMs(backoff, failures - 1)
      await options.onReconnect?.({ attempt: failures, delayMs, error })
      try {
        await sleep(delayMs, "", signal)
      } catch {
        return // aborted while waiting
      }
    } finally {
      subscription.close()
    }
  }
}
