// Worker process of the engine benchmark: runs one task (engineBenchProtocol.ts) with one kind of
// client and reports its figures, the RSS before the measured part and the process's peak RSS.
// Run: fork engineBenchWorker.ts CONFIG_JSON (with an IPC channel), as engine.bench.ts does.
import { openBenchClient, type BenchClient, type BenchGroup } from "./engineBenchClients"
import { newProfile } from "./engineBenchProfiles"
import type {
  BenchClientKind,
  ClientProfile,
  CreateFigures,
  LatencyFigures,
  SendManyFigures,
  SyncFigures,
  TaskFigures,
  WorkerConfig,
  WorkerReport,
  WorkerTask,
} from "./engineBenchProtocol"
import { peakRssMb, reportToParent, rssMb, runBenchChild } from "./benchChild"
import { measureTsMls } from "./engineBenchTsMls"

const STEP_TIMEOUT_MS = 60_000
const LATENCY_TEXT_PADDING = "x".repeat(100)

const report = (message: WorkerReport) => reportToParent(message)

class Worker {
  private readonly clients: BenchClient[] = []
  /** RSS once the clients are set up, just before the measured part. */
  baselineRssMb = 0

  constructor(private readonly config: WorkerConfig) {}

  async run(task: WorkerTask): Promise<TaskFigures> {
    switch (task.task) {
      case "create":
        return this.create(task.kind, task.fillers)
      case "latency":
        return this.latency(task.kind, task.fillers, task.warmup, task.samples)
      case "send-many":
        return this.sendMany(task)
      case "sync":
        return this.sync(task)
      case "tsmls":
        this.baselineRssMb = rssMb()
        return measureTsMls(task.sizes)
    }
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.close()
  }

  private async open(profile: ClientProfile): Promise<BenchClient> {
    const client = await openBenchClient(this.config.apiUrl, profile)
    this.clients.push(client)
    return client
  }

  private fresh(kind: BenchClientKind, label: string): Promise<BenchClient> {
    return this.open(newProfile(kind, this.config.dir, label))
  }

  private async create(kind: BenchClientKind, fillers: string[]): Promise<CreateFigures> {
    const creator = await this.fresh(kind, "creator")
    const receiver = await this.fresh(kind, "receiver")
    this.baselineRssMb = rssMb()
    const createStarted = performance.now()
    const group = await creator.createGroup([receiver.inboxId, ...fillers])
    const createMs = performance.now() - createStarted
    const welcomeStarted = performance.now()
    const joined = await receiver.joinGroup(group.id)
    const welcomeMs = performance.now() - welcomeStarted
    return { createMs, welcomeMs, receiverSeesMembers: await joined.memberCount() }
  }

  /** A group of the creator, the receiver and `fillers`, joined by the receiver. */
  private async groupWithReceiver(creator: BenchClient, receiver: BenchClient, fillers: string[]): Promise<{ sent: BenchGroup; received: BenchGroup }> {
    const sent = await creator.createGroup([receiver.inboxId, ...fillers])
    const received = await receiver.joinGroup(sent.id)
    return { sent, received }
  }

  private async latency(kind: BenchClientKind, fillers: string[], warmup: number, samples: number): Promise<LatencyFigures> {
    const sender = await this.fresh(kind, "sender")
    const receiver = await this.fresh(kind, "receiver")
    const { sent } = await this.groupWithReceiver(sender, receiver, fillers)
    const arrivals = new Map<string, number>()
    let wake: (() => void) | undefined
    const stream = await receiver.streamTexts((text) => {
      arrivals.set(text, performance.now())
      wake?.()
    })
    const arrival = async (text: string, timeoutMs: number): Promise<number | undefined> => {
      const deadline = Date.now() + timeoutMs
      while (!arrivals.has(text) && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()))
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
      }
      return arrivals.get(text)
    }
    try {
      // The stream's subscription may still be settling: warm up until messages flow, then count.
      let flowing = 0
      for (let i = 0; flowing < warmup; i++) {
        if (i >= warmup * 10) throw new Error(`the ${kind} stream delivered ${flowing} of ${i} warm-up messages`)
        const text = `warm-up ${i}`
        await sent.sendText(text)
        if ((await arrival(text, 2_000)) !== undefined) flowing++
      }
      this.baselineRssMb = rssMb()
      const latencies: number[] = []
      for (let i = 0; i < samples; i++) {
        const text = `latency ${i} ${LATENCY_TEXT_PADDING}`
        const started = performance.now()
        await sent.sendText(text)
        const arrived = await arrival(text, STEP_TIMEOUT_MS)
        if (arrived === undefined) throw new Error(`message ${i} did not reach the ${kind} receiver's stream within ${STEP_TIMEOUT_MS} ms`)
        latencies.push(arrived - started)
      }
      latencies.sort((a, b) => a - b)
      return {
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies.at(-1) ?? 0,
        samples: latencies.length,
      }
    } finally {
      await stream.end()
    }
  }

  private async sendMany(task: Extract<WorkerTask, { task: "send-many" }>): Promise<SendManyFigures> {
    const sender = await this.fresh(task.kind, "sender")
    const receiver = await this.open(task.receiver)
    const { sent, received } = await this.groupWithReceiver(sender, receiver, task.fillers)
    await received.sync()
    // From here on the receiver is offline: the sync worker reopens it from its database.
    await receiver.close()
    this.baselineRssMb = rssMb()
    const started = performance.now()
    for (let i = 0; i < task.messages; i++) await sent.sendText(`backlog ${i} ${LATENCY_TEXT_PADDING}`)
    return { groupId: sent.id, sendMs: performance.now() - started }
  }

  private async sync(task: Extract<WorkerTask, { task: "sync" }>): Promise<SyncFigures> {
    const receiver = await this.open(task.receiver)
    const group = await receiver.group(task.groupId)
    this.baselineRssMb = rssMb()
    const started = performance.now()
    await group.sync()
    const syncMs = performance.now() - started
    return { syncMs, textsAfter: await group.textCount() }
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

async function main(): Promise<void> {
  const raw = process.argv[2]
  if (!raw || !process.send) throw new Error("usage: fork engineBenchWorker.ts CONFIG_JSON (with an IPC channel)")
  const config = JSON.parse(raw) as WorkerConfig
  const worker = new Worker(config)
  try {
    const figures = await worker.run(config.task)
    await report({ type: "result", figures, baselineRssMb: worker.baselineRssMb, peakRssMb: peakRssMb() })
  } finally {
    await worker.close()
  }
}

runBenchChild(main)
