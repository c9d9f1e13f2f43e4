// Child process of the node benchmark: N raw gRPC subscribers to one group topic, each on its own
// HTTP/2 connection as separate devices would be. It timestamps every delivery against the send
// time carried in the message and tells the parent when each message has reached everyone.
import * as grpc from "@grpc/grpc-js"
import { mlsApi } from "../../src/engine/proto/index"
import { BENCH_PHASE, readStamp, subscribeRequest } from "./nodeBenchMessages"
import type { SubscriberCommand, SubscriberConfig, SubscriberReport } from "./nodeBenchProtocol"

const report = (message: SubscriberReport) => process.send?.(message)
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

function main(): void {
  const config = JSON.parse(process.argv[2] ?? "null") as SubscriberConfig | null
  if (!config || !process.send) throw new Error("usage: fork nodeBenchSubscribers.ts CONFIG_JSON (with an IPC channel)")
  const { subscribers, latencyMessages, throughputMessages } = config
  const target = config.address.replace(/^https?:\/\//, "")
  const request = subscribeRequest(Buffer.from(config.groupIdHex, "hex"))
  const method = `/${mlsApi.MlsApiServiceName}/SubscribeGroupMessages`

  const warmed = new Uint8Array(subscribers)
  let warmedCount = 0
  // Order is the node's id order: concurrent publishes to one group have no order among
  // themselves (their ids decide it), so send order is no yardstick.
  const lastId = new BigInt64Array(subscribers)
  const latencyArrivals = new Uint32Array(latencyMessages)
  const latenciesMs = new Float64Array(subscribers * latencyMessages)
  let latencySamples = 0
  let throughputArrivals = 0
  let anomalies = 0
  let stopping = false

  const clients: grpc.Client[] = []
  const calls: grpc.ClientReadableStream<Buffer>[] = []
  for (let i = 0; i < subscribers; i++) {
    // A local subchannel pool gives every subscriber its own connection.
    const client = new grpc.Client(target, grpc.credentials.createInsecure(), { "grpc.use_local_subchannel_pool": 1 })
    const call = client.makeServerStreamRequest(method, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(request))
    call.on("data", (data: Buffer) => onDelivery(i, data))
    call.on("error", (error: grpc.ServiceError) => {
      if (!stopping) report({ type: "failed", error: `subscription ${i} failed: ${error.code} ${error.details}` })
    })
    clients.push(client)
    calls.push(call)
  }

  function onDelivery(subscriber: number, data: Buffer): void {
    const arrivedNs = process.hrtime.bigint()
    let stamp
    try {
      stamp = readStamp(bytes(data))
    } catch {
      anomalies++
      return
    }
    if (stamp.id <= lastId[subscriber]!) anomalies++
    lastId[subscriber] = stamp.id
    if (stamp.phase === BENCH_PHASE.warmup) {
      if (warmed[subscriber] === 0) {
        warmed[subscriber] = 1
        if (++warmedCount === subscribers) report({ type: "ready" })
      }
      return
    }
    if (stamp.phase === BENCH_PHASE.latency) {
      latenciesMs[latencySamples++] = Number(arrivedNs - stamp.sentAtNs) / 1e6
      if (++latencyArrivals[stamp.seq]! === subscribers) report({ type: "delivered", seq: stamp.seq })
    } else if (++throughputArrivals === subscribers * throughputMessages) {
      report({ type: "throughput-done", atNs: arrivedNs.toString() })
    }
  }

  process.on("message", (command: SubscriberCommand) => {
    if (command.type !== "report") return
    stopping = true
    for (const call of calls) call.cancel()
    for (const client of clients) client.close()
    const sorted = latenciesMs.slice(0, latencySamples).sort()
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
    report({
      type: "summary",
      latenciesMs: { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, samples: sorted.length },
      anomalies,
      maxRssKb: process.resourceUsage().maxRSS,
    })
    process.disconnect()
  })
  process.on("disconnect", () => process.exit(0))
}

try {
  main()
} catch (error) {
  report({ type: "failed", error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
}
