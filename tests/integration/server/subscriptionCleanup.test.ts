// A subscription leaves nothing behind: however its stream ends (client gone while idle, while
// blocked on a full transport, or by a backlog overflow), its topic listeners are removed and the
// handler returns. Runs the node's real TopicBus and replayThenFollow over a stream whose ends the
// test controls.
import { describe, expect, it } from "vitest"
import { RpcError } from "../../../src/server/errors"
import { SUBSCRIPTION_BACKLOG } from "../../../src/server/limits"
import type { ResponseSink } from "../../../src/server/rpc/context"
import { replayThenFollow, type SubscriptionPlan } from "../../../src/server/subscriptions/replayThenFollow"
import { TopicBus } from "../../../src/server/subscriptions/topicBus"

interface Item {
  topic: string
  id: bigint
}

/** A response stream whose transport accepts `capacity` messages, then waits until drained. */
class ControlledSink implements ResponseSink<Item> {
  readonly written: Item[] = []
  readonly closed: Promise<void>
  ended = false
  private close!: () => void
  private waiting: (() => void) | undefined

  constructor(private capacity = Infinity) {
    this.closed = new Promise((resolve) => (this.close = resolve))
  }

  sendHeaders(): void {}

  write(message: Item): Promise<void> {
    this.written.push(message)
    if (this.ended || this.written.length < this.capacity) return Promise.resolve()
    return new Promise((resolve) => (this.waiting = resolve))
  }

  /** The transport has room again: lets the waiting write return and takes one more. */
  drain(): void {
    this.capacity = this.written.length + 1
    const waiting = this.waiting
    this.waiting = undefined
    waiting?.()
  }

  end(): void {
    this.ended = true
    this.waiting?.()
    this.close()
  }
}

function plan(bus: TopicBus<Item>, topics: string[], onBacklogOverflow: RpcError | "end" = "end"): SubscriptionPlan<Item, Item> {
  return {
    filters: topics.map((topic) => ({ topic: Buffer.from(topic), cursor: 0n })),
    bus,
    topicName: (topic) => Buffer.from(topic).toString(),
    history: async () => ({ items: [], nextCursor: 0n }),
    streamKey: (item) => item.topic,
    id: (item) => item.id,
    toWire: (item) => item,
    onBacklogOverflow,
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe("subscription cleanup", () => {
  it("removes its listeners when the client goes away while idle", async () => {
    const bus = new TopicBus<Item>()
    const sinks = Array.from({ length: 20 }, () => new ControlledSink())
    const runs = sinks.map((sink, i) => replayThenFollow(plan(bus, ["a", `b${i}`]), sink))
    await tick()
    expect(bus.topicCount).toBe(21)
    bus.publish("a", { topic: "a", id: 1n })
    await tick()
    sinks.forEach((sink) => sink.end())
    await Promise.all(runs)
    expect(bus.topicCount).toBe(0)
    expect(sinks.every((sink) => sink.written.length === 1)).toBe(true)
  })

  it("returns when the client goes away while a write waits for the transport", async () => {
    const bus = new TopicBus<Item>()
    const sink = new ControlledSink(2)
    const run = replayThenFollow(plan(bus, ["a"]), sink)
    await tick()
    for (let id = 1n; id <= 5n; id++) bus.publish("a", { topic: "a", id })
    await tick()
    expect(sink.written).toHaveLength(2)
    sink.end()
    await run
    expect(bus.topicCount).toBe(0)
  })

  it("ends after delivering its backlog when the client falls too far behind, and cleans up", async () => {
    const bus = new TopicBus<Item>()
    const sink = new ControlledSink(1)
    const aborted = new RpcError("ABORTED", "caller did not read all messages fast enough")
    const run = replayThenFollow(plan(bus, ["a"], aborted), sink)
    await tick()
    // Published in one go: the backlog fills, and the next envelope overflows it.
    for (let id = 1n; id <= BigInt(SUBSCRIPTION_BACKLOG) + 50n; id++) bus.publish("a", { topic: "a", id })
    expect(bus.topicCount).toBe(1)
    let outcome: unknown
    let settled = false
    void run.then(
      (summary) => ((outcome = summary), (settled = true)),
      (error: unknown) => ((outcome = error), (settled = true)),
    )
    while (!settled) {
      sink.drain()
      await tick()
    }
    expect(outcome).toBe(aborted)
    expect(bus.topicCount).toBe(0)
    // Everything buffered before the overflow was still delivered, in order.
    expect(sink.written.map((item) => Number(item.id))).toEqual(Array.from({ length: SUBSCRIPTION_BACKLOG }, (_, i) => i + 1))
  })
})
