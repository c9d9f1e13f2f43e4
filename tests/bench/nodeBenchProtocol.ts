// Messages between the node benchmark and its child processes (over the fork IPC channel).

/** Parent -> server child: stop the node and report. */
export type ServerCommand = { type: "stop" }
export type ServerReport =
  | { type: "listening"; address: string }
  | { type: "stopped"; maxRssKb: number }
  | { type: "failed"; error: string }

export interface SubscriberConfig {
  address: string
  groupIdHex: string
  subscribers: number
  /** Messages per phase the parent will publish, so the child knows when a phase is complete. */
  latencyMessages: number
  throughputMessages: number
}

/** Parent -> subscriber child. */
export type SubscriberCommand = { type: "report" }

export type SubscriberReport =
  /** Every subscription has received a warm-up message: the fan-out is live. */
  | { type: "ready" }
  /** Every subscription has received latency message `seq`. */
  | { type: "delivered"; seq: number }
  /** Every subscription has received every throughput message; `atNs` is the last arrival. */
  | { type: "throughput-done"; atNs: string }
  | {
      type: "summary"
      latenciesMs: { p50: number; p99: number; max: number; samples: number }
      /** Deliveries that broke per-subscription order, were duplicated, or arrived malformed. */
      anomalies: number
      maxRssKb: number
    }
  | { type: "failed"; error: string }
