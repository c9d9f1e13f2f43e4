// The production node's subscription algorithm, shared by group and welcome streams:
// 1. listen for live envelopes on every filtered topic (buffered, up to a backlog limit);
// 2. replay each filter's stored envelopes after its cursor, oldest first, page by page;
// 3. then deliver the buffered and later live envelopes.
// A high-water mark per stream key (group / installation) drops anything at or below an id
// already sent, so an envelope that is both replayed and live goes out once, and in id order.
import type { RpcError } from "../errors"
import { SUBSCRIPTION_BACKLOG } from "../limits"
import type { ResponseSink } from "../rpc/context"
import type { TopicBus } from "./topicBus"

export interface SubscriptionPlan<Item, Wire> {
  filters: { topic: Uint8Array; cursor: bigint }[]
  bus: TopicBus<Item>
  topicName(topic: Uint8Array): string
  /** One ascending page of stored items after `cursor`, and the cursor of the next page (0: none). */
  history(topic: Uint8Array, cursor: bigint): Promise<{ items: Item[]; nextCursor: bigint }>
  streamKey(item: Item): string
  id(item: Item): bigint
  toWire(item: Item): Wire
  /** How the stream ends when its client falls a whole backlog behind: with this error, or with OK. */
  onBacklogOverflow: RpcError | "end"
}

export async function replayThenFollow<Item, Wire>(
  plan: SubscriptionPlan<Item, Wire>,
  sink: ResponseSink<Wire>,
): Promise<string> {
  const backlog: Item[] = []
  let overflowed = false
  let wake: (() => void) | undefined
  const unsubscribe = plan.bus.subscribe(
    plan.filters.map((filter) => plan.topicName(filter.topic)),
    (item) => {
      if (overflowed) return
      if (backlog.length >= SUBSCRIPTION_BACKLOG) overflowed = true
      else backlog.push(item)
      wake?.()
    },
  )
  void sink.closed.then(() => wake?.())

  const highWater = new Map<string, bigint>()
  let sent = 0
  const send = async (item: Item): Promise<void> => {
    const key = plan.streamKey(item)
    const id = plan.id(item)
    if ((highWater.get(key) ?? 0n) >= id) return
    highWater.set(key, id)
    await sink.write(plan.toWire(item))
    sent++
  }

  try {
    for (const filter of plan.filters) {
      let cursor = filter.cursor
      while (!sink.ended) {
        const page = await plan.history(filter.topic, cursor)
        for (const item of page.items) {
          if (sink.ended) break
          await send(item)
        }
        if (page.items.length === 0 || page.nextCursor === 0n) break
        cursor = page.nextCursor
      }
    }
    while (!sink.ended) {
      const item = backlog.shift()
      if (item !== undefined) {
        await send(item)
        continue
      }
      if (overflowed) {
        if (plan.onBacklogOverflow === "end") return `${sent} sent, ended: client fell ${SUBSCRIPTION_BACKLOG} behind`
        throw plan.onBacklogOverflow
      }
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
    return `${sent} sent`
  } finally {
    unsubscribe()
  }
}
