// Measures how late main's event loop runs (perf_hooks.monitorEventLoopDelay): the figure that
// says whether engine work stalls the UI-serving process. Benchmarks print it; nothing asserts on it.
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks"

export interface EventLoopLag {
  /** Delay percentiles and maximum, in milliseconds. */
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  /** How many delay samples the figures cover. */
  samples: number
}

const NS_PER_MS = 1e6

export class EventLoopLagMonitor {
  readonly #histogram: IntervalHistogram
  #running = false

  /** `resolutionMs`: the sampling timer's period; delays shorter than it are not seen. */
  constructor(readonly resolutionMs = 10) {
    this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs })
  }

  get running(): boolean {
    return this.#running
  }

  start(): this {
    if (!this.#running) this.#histogram.enable()
    this.#running = true
    return this
  }

  stop(): this {
    if (this.#running) this.#histogram.disable()
    this.#running = false
    return this
  }

  /** Forgets the samples so far (e.g. between benchmark phases). */
  reset(): this {
    this.#histogram.reset()
    return this
  }

  snapshot(): EventLoopLag {
    const h = this.#histogram
    // Before the first sample the histogram reports its sentinel minimum and NaN mean; report zeros.
    if (h.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0, samples: 0 }
    return {
      p50Ms: this.#lagMs(h.percentile(50)),
      p99Ms: this.#lagMs(h.percentile(99)),
      maxMs: this.#lagMs(h.max),
      meanMs: this.#lagMs(h.mean),
      samples: h.count,
    }
  }

  // The histogram records the whole interval between timer ticks; the lag is what exceeds the period.
  #lagMs(intervalNs: number): number {
    return Math.max(0, intervalNs / NS_PER_MS - this.resolutionMs)
  }

  /** One line for logs and benchmark output. */
  format(): string {
    const lag = this.snapshot()
    return `event loop lag p50 ${lag.p50Ms.toFixed(1)} ms, p99 ${lag.p99Ms.toFixed(1)} ms, max ${lag.maxMs.toFixed(1)} ms (${lag.samples} samples)`
  }
}
