import { describe, expect, it } from "vitest"
import { EventLoopLagMonitor } from "../../../src/main/eventLoopLag"

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function blockFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy-wait: the event loop cannot run timers meanwhile.
  }
}

describe("EventLoopLagMonitor", () => {
  it("reports zeros before it has samples", () => {
    const monitor = new EventLoopLagMonitor()
    expect(monitor.snapshot()).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0, samples: 0 })
  })

  it("sees a blocked event loop in its maximum, with ordered percentiles", async () => {
    const monitor = new EventLoopLagMonitor(10).start()
    expect(monitor.running).toBe(true)
    await tick(50)
    blockFor(200)
    await tick(50)
    const lag = monitor.stop().snapshot()
    expect(lag.samples).toBeGreaterThan(0)
    // The timer due during the block fired at least (block - period) late; no upper bound is assumed.
    expect(lag.maxMs).toBeGreaterThanOrEqual(200 - 10 - 1)
    expect(lag.p50Ms).toBeLessThanOrEqual(lag.p99Ms)
    expect(lag.p99Ms).toBeLessThanOrEqual(lag.maxMs)
    expect(monitor.format()).toMatch(/^event loop lag p50 \d+\.\d ms, p99 \d+\.\d ms, max \d+\.\d ms \(\d+ samples\)$/)
  })

  it("stops sampling when stopped and forgets samples on reset", async () => {
    const monitor = new EventLoopLagMonitor(10).start()
    await tick(50)
    monitor.stop()
    const stopped = monitor.snapshot().samples
    await tick(50)
    expect(monitor.snapshot().samples).toBe(stopped)
    expect(monitor.reset().snapshot().samples).toBe(0)
  })
})
