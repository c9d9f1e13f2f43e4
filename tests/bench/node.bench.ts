// Delivery node benchmark: one topic, 1 / 100 / 1,000 concurrent subscribers on SQLite, and 100 on
// PostgreSQL. The node, the subscribers and the publisher are three processes talking raw gRPC over
// loopback, so no figure is flattered by sharing an event loop. Figures:
// - publish-to-delivery latency (p50/p99 over every delivery), publishing one message at a time
//   and waiting until it has reached every subscriber before the next;
// - throughput: a burst published with a bounded window of calls in flight, as publish acks per
//   second and as deliveries per second until the last subscriber has the last message;
// - wall time and peak RSS of the node and of the subscriber process.
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { mlsMethod, RawXmtpClient } from "../interop/support/rawGrpc"
import { BenchChild } from "./nodeBenchChildren"
import { BENCH_PHASE, benchSendRequest, type BenchPhase } from "./nodeBenchMessages"
import { benchPostgresDatabase } from "./nodeBenchPostgres"
import type { ServerCommand, ServerReport, SubscriberCommand, SubscriberConfig, SubscriberReport } from "./nodeBenchProtocol"
import type { BenchReport } from "./run"

const SUBSCRIBER_COUNTS = [1, 100, 1000]
const POSTGRES_SUBSCRIBERS = 100
/** Deliveries per phase are capped so the largest case stays well under a minute on 2 cores. */
const MAX_DELIVERIES_PER_PHASE = 100_000
const PUBLISH_WINDOW = 16
const STEP_TIMEOUT_MS = 60_000
const WARMUP_ROUNDS = 200

type BenchDatabase = "sqlite" | "postgres"

interface CaseFigures {
  database: BenchDatabase
  subscribers: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  latencyMessages: number
  throughputMessages: number
  publishPerSec: number
  deliveriesPerSec: number
  wallSeconds: number
  nodeRssMb: number
  subscribersRssMb: number
  anomalies: number
}

export async function run(): Promise<BenchReport> {
  const figures: CaseFigures[] = []
  for (const subscribers of SUBSCRIBER_COUNTS) figures.push(await runCase(subscribers, "sqlite"))
  figures.push(await runCase(POSTGRES_SUBSCRIBERS, "postgres"))
  return {
    title: "Delivery node: publish to delivery on one topic (raw gRPC, loopback, 3 processes)",
    rows: figures.map((f) => ({
      database: f.database,
      subscribers: f.subscribers,
      "p50 ms": round(f.p50Ms, 2),
      "p99 ms": round(f.p99Ms, 2),
      "max ms": round(f.maxMs, 1),
      "publish msg/s": Math.round(f.publishPerSec),
      "deliveries/s": Math.round(f.deliveriesPerSec),
      "msgs (lat/thr)": `${f.latencyMessages}/${f.throughputMessages}`,
      "wall s": round(f.wallSeconds, 1),
      "node peak RSS MB": Math.round(f.nodeRssMb),
      "subscribers peak RSS MB": Math.round(f.subscribersRssMb),
      anomalies: f.anomalies,
    })),
    notes: [
      "latency: one message in flight, each awaited until every subscriber has it; p50/p99 over all deliveries",
      `throughput: ${PUBLISH_WINDOW} publishes in flight; deliveries/s = subscribers x messages / time to the last delivery`,
      "anomalies: deliveries out of id order, duplicated or unreadable (should be 0)",
    ],
  }
}

async function runCase(subscribers: number, database: BenchDatabase): Promise<CaseFigures> {
  const started = performance.now()
  const postgres = database === "postgres" ? await benchPostgresDatabase() : undefined
  const dir = await mkdtemp(join(tmpdir(), "parley-node-bench-"))
  const latencyMessages = Math.min(500, Math.max(50, Math.floor(MAX_DELIVERIES_PER_PHASE / 5 / subscribers)))
  const throughputMessages = Math.min(1000, Math.max(100, Math.floor(MAX_DELIVERIES_PER_PHASE / subscribers)))
  const groupId = new Uint8Array(randomBytes(16))

  const server = new BenchChild<ServerReport, ServerCommand>("node", "./nodeBenchServer.ts", [postgres?.url ?? join(dir, "node.sqlite")])
  let subscriberProcess: BenchChild<SubscriberReport, SubscriberCommand> | undefined
  let publisher: RawXmtpClient | undefined
  try {
    const { address } = await server.next("listening", STEP_TIMEOUT_MS)
    const config: SubscriberConfig = {
      address,
      groupIdHex: Buffer.from(groupId).toString("hex"),
      subscribers,
      latencyMessages,
      throughputMessages,
    }
    subscriberProcess = new BenchChild("subscribers", "./nodeBenchSubscribers.ts", [JSON.stringify(config)])
    publisher = new RawXmtpClient(address)
    const client = publisher
    const publish = (phase: BenchPhase, seq: number) =>
      client.unaryBytes(mlsMethod("SendGroupMessages"), benchSendRequest(groupId, { phase, seq, sentAtNs: process.hrtime.bigint() }))

    // Warm-up until every subscription has seen a message: connections and fan-out are live.
    let ready = false
    for (let round = 0; round < WARMUP_ROUNDS && !ready; round++) {
      await publish(BENCH_PHASE.warmup, round)
      ready = (await subscriberProcess.poll("ready", 250)) !== undefined
    }
    if (!ready) throw new Error(`${subscribers} subscriptions were not all live after ${WARMUP_ROUNDS} warm-up messages`)

    for (let seq = 0; seq < latencyMessages; seq++) {
      await publish(BENCH_PHASE.latency, seq)
      const delivered = await subscriberProcess.next("delivered", STEP_TIMEOUT_MS)
      if (delivered.seq !== seq) throw new Error(`latency message ${seq} completed out of turn (${delivered.seq})`)
    }

    const burstStartNs = process.hrtime.bigint()
    let nextSeq = 0
    const worker = async () => {
      while (nextSeq < throughputMessages) await publish(BENCH_PHASE.throughput, nextSeq++)
    }
    await Promise.all(Array.from({ length: PUBLISH_WINDOW }, worker))
    const publishedNs = process.hrtime.bigint()
    const done = await subscriberProcess.next("throughput-done", STEP_TIMEOUT_MS * 2)
    const deliveredSeconds = Number(BigInt(done.atNs) - burstStartNs) / 1e9

    subscriberProcess.send({ type: "report" })
    const summary = await subscriberProcess.next("summary", STEP_TIMEOUT_MS)
    server.send({ type: "stop" })
    const stopped = await server.next("stopped", STEP_TIMEOUT_MS)
    return {
      database,
      subscribers,
      p50Ms: summary.latenciesMs.p50,
      p99Ms: summary.latenciesMs.p99,
      maxMs: summary.latenciesMs.max,
      latencyMessages,
      throughputMessages,
      publishPerSec: throughputMessages / (Number(publishedNs - burstStartNs) / 1e9),
      deliveriesPerSec: (subscribers * throughputMessages) / deliveredSeconds,
      wallSeconds: (performance.now() - started) / 1000,
      nodeRssMb: stopped.maxRssKb / 1024,
      subscribersRssMb: summary.maxRssKb / 1024,
      anomalies: summary.anomalies,
    }
  } finally {
    publisher?.close()
    subscriberProcess?.kill()
    server.kill()
    await postgres?.release()
    await rm(dir, { recursive: true, force: true })
  }
}

const round = (value: number, digits: number) => Number(value.toFixed(digits))
