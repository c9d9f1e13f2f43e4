// Engine benchmark: Parley's engine against the official SDK (@xmtp/node-sdk 6.0.0, libxmtp 1.10)
// through one Parley node, with ts-mls alone alongside so the engine's overhead over its MLS
// library shows. Run: npm run bench -- engine
//
// Every measurement runs in a worker process of its own (engineBenchWorker.ts) holding one kind of
// client, so its peak RSS is that client's; the node runs in another process. Cases:
// - createGroup adding 10, 100 and 399 members (groups of 11, 101 and 400), then the time for one
//   added member, of the creator's kind, to process its welcome;
// - send-to-receive latency in a 10-member group: sender and streaming receiver of the same kind,
//   one message in flight;
// - sync of 1,000 messages by a member that was offline while they were sent (reopened from its
//   database in a fresh process);
// - ts-mls alone: the add commit and its Welcome, the Welcome sealed per member, a join.
// The added members other than the measured receiver are Parley installations registered up
// front, shared by both creators: registering ~400 SDK installations would dominate the run.
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { Client, createEoaSigner } from "../../src/engine/index"
import { newProfile } from "./engineBenchProfiles"
import type {
  BenchClientKind,
  CreateFigures,
  LatencyFigures,
  SendManyFigures,
  SyncFigures,
  TaskFigures,
  TsMlsFigures,
  WorkerConfig,
  WorkerReport,
  WorkerTask,
} from "./engineBenchProtocol"
import { BenchChild } from "./nodeBenchChildren"
import type { ServerCommand, ServerReport } from "./nodeBenchProtocol"
import type { BenchReport } from "./run"

export interface EngineBenchScale {
  /** Members createGroup adds (the group is one larger). */
  groupSizes: number[]
  latencySamples: number
  backlogMessages: number
}

const FULL_SCALE: EngineBenchScale = { groupSizes: [10, 100, 399], latencySamples: 200, backlogMessages: 1000 }
const LATENCY_GROUP_SIZE = 10
const LATENCY_WARMUP = 5
const FILLER_REGISTRATION_CONCURRENCY = 8
const WORKER_TIMEOUT_MS = 300_000
const KINDS: BenchClientKind[] = ["parley", "sdk"]

interface WorkerResult<F extends TaskFigures> {
  figures: F
  baselineRssMb: number
  peakRssMb: number
}

type Row = BenchReport["rows"][number]

/** `scale` shrinks the run (for trying the benchmark out); `npm run bench` uses the full scale. */
export async function run(scale: Partial<EngineBenchScale> = {}): Promise<BenchReport> {
  const { groupSizes, latencySamples, backlogMessages } = { ...FULL_SCALE, ...scale }
  const started = performance.now()
  const dir = await mkdtemp(join(tmpdir(), "parley-engine-bench-"))
  const server = new BenchChild<ServerReport, ServerCommand>("node", "./nodeBenchServer.ts", [join(dir, "node.sqlite")])
  try {
    const { address } = await server.next("listening", 60_000)
    const registrationStarted = performance.now()
    const fillers = await registerFillers(address, dir, Math.max(...groupSizes, LATENCY_GROUP_SIZE) - 1)
    const registrationMs = performance.now() - registrationStarted
    const worker = <F extends TaskFigures>(task: WorkerTask) => runWorker<F>({ apiUrl: address, dir, task })
    const rows: Row[] = []

    const rawMls = await worker<TsMlsFigures[]>({ task: "tsmls", sizes: groupSizes })
    for (const size of groupSizes) {
      const raw = rawMls.figures.find((f) => f.size === size)
      const created = await both((kind) => worker<CreateFigures>({ task: "create", kind, fillers: fillers.slice(0, size - 1) }))
      for (const { figures } of Object.values(created)) {
        if (figures.receiverSeesMembers !== size + 1) throw new Error(`the receiver saw ${figures.receiverSeesMembers} members, not ${size + 1}`)
      }
      rows.push(
        timeRow(`createGroup adding ${size}`, created, (f) => f.createMs, raw && `${ms(raw.commitMs)} + seal x${size} ${ms(raw.wrapMs)}`),
        timeRow(`  one member processes its welcome (${size + 1} members)`, created, (f) => f.welcomeMs, raw && `join ${ms(raw.joinMs)}`),
        memoryRow(`  peak RSS (${size + 1} members)`, created, raw && raw.peakRssMb),
      )
    }

    const latency = await both((kind) =>
      worker<LatencyFigures>({
        task: "latency",
        kind,
        fillers: fillers.slice(0, LATENCY_GROUP_SIZE - 2),
        warmup: LATENCY_WARMUP,
        samples: latencySamples,
      }),
    )
    rows.push(
      timeRow(`send -> stream receipt p50 (${LATENCY_GROUP_SIZE} members)`, latency, (f) => f.p50Ms),
      timeRow(`send -> stream receipt p99 (${latencySamples} msgs)`, latency, (f) => f.p99Ms),
      memoryRow("  peak RSS (sender + streaming receiver)", latency),
    )

    const backlog = await both(async (kind) => {
      const receiver = newProfile(kind, dir, "offline-receiver")
      const sent = await worker<SendManyFigures>({
        task: "send-many",
        kind,
        fillers: fillers.slice(0, LATENCY_GROUP_SIZE - 2),
        messages: backlogMessages,
        receiver,
      })
      const synced = await worker<SyncFigures>({ task: "sync", kind, receiver, groupId: sent.figures.groupId })
      if (synced.figures.textsAfter !== backlogMessages) throw new Error(`the ${kind} receiver holds ${synced.figures.textsAfter} texts after syncing, not ${backlogMessages}`)
      return { sent, synced }
    })
    const sends = { parley: backlog.parley.sent, sdk: backlog.sdk.sent }
    const syncs = { parley: backlog.parley.synced, sdk: backlog.sdk.synced }
    rows.push(
      timeRow(`send ${backlogMessages} texts one after another`, sends, (f) => f.sendMs),
      memoryRow("  peak RSS (sender)", sends),
      timeRow(`offline member syncs ${backlogMessages} texts`, syncs, (f) => f.syncMs),
      memoryRow("  peak RSS (syncing member, fresh process)", syncs),
    )

    server.send({ type: "stop" })
    const stopped = await server.next("stopped", 60_000)
    return {
      title: "Engine: Parley vs the official SDK (node-sdk 6.0.0) through one Parley node on loopback",
      rows,
      notes: [
        "time: wall clock in the worker; Parley/SDK > 1 means Parley is slower; peak RSS: the worker's high-water mark (in brackets: RSS before the measured step)",
        `added members besides the measured receiver are ${fillers.length} Parley installations registered up front (${ms(registrationMs)}) and shared by both creators`,
        "createGroup = create + add in one call, returning once the commit is published and the welcomes sent; welcome = the receiver's conversations.sync()",
        "ts-mls alone: createCommit adding N XMTP-shaped key packages (ratchet tree in the Welcome, Add proposals only) + encoding; then the Welcome HPKE-sealed (X-Wing) once per member; join = joinGroup; its peak RSS is one worker's high-water mark after that size (all key packages are made first)",
        "latency: sender and receiver in one worker, one message (~110 B) in flight; p99 over the samples",
        `the node: one process on SQLite (peak RSS ${Math.round(stopped.maxRssKb / 1024)} MB); the machine: ${availableParallelism()} cores shared by node, worker and SDK threads`,
        `total ${ms(performance.now() - started)}`,
      ],
    }
  } finally {
    server.kill()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Parley installations that only ever receive welcomes: registered, then closed. */
export async function registerFillers(apiUrl: string, dir: string, count: number): Promise<string[]> {
  const inboxIds: string[] = new Array<string>(count)
  let next = 0
  const register = async () => {
    while (next < count) {
      const index = next++
      const client = await Client.create(createEoaSigner(), {
        apiUrl,
        dbPath: join(dir, `filler-${index}.db`),
        dbEncryptionKey: new Uint8Array(randomBytes(32)),
      })
      inboxIds[index] = client.inboxId
      await client.close()
    }
  }
  await Promise.all(Array.from({ length: FILLER_REGISTRATION_CONCURRENCY }, register))
  return inboxIds
}

async function runWorker<F extends TaskFigures>(config: WorkerConfig): Promise<WorkerResult<F>> {
  const name = `${config.task.task}${"kind" in config.task ? ` (${config.task.kind})` : ""}`
  const child = new BenchChild<WorkerReport, never>(name, "./engineBenchWorker.ts", [JSON.stringify(config)])
  try {
    const result = await child.next("result", WORKER_TIMEOUT_MS)
    return { figures: result.figures as F, baselineRssMb: result.baselineRssMb, peakRssMb: result.peakRssMb }
  } finally {
    child.kill()
  }
}

/** Parley first, then the SDK, never at the same time. */
async function both<T>(measure: (kind: BenchClientKind) => Promise<T>): Promise<Record<BenchClientKind, T>> {
  const results: Partial<Record<BenchClientKind, T>> = {}
  for (const kind of KINDS) results[kind] = await measure(kind)
  return results as Record<BenchClientKind, T>
}

function timeRow<F extends TaskFigures>(
  label: string,
  results: Record<BenchClientKind, WorkerResult<F>>,
  pick: (figures: F) => number,
  rawMls?: string,
): Row {
  const parley = pick(results.parley.figures)
  const sdk = pick(results.sdk.figures)
  return { case: label, Parley: ms(parley), SDK: ms(sdk), "Parley/SDK": ratio(parley, sdk), "ts-mls alone": rawMls ?? "" }
}

function memoryRow(label: string, results: Record<BenchClientKind, WorkerResult<TaskFigures>>, rawMlsPeakMb?: number): Row {
  const cell = (r: WorkerResult<TaskFigures>) => `${Math.round(r.peakRssMb)} MB (${Math.round(r.baselineRssMb)})`
  return {
    case: label,
    Parley: cell(results.parley),
    SDK: cell(results.sdk),
    "Parley/SDK": ratio(results.parley.peakRssMb, results.sdk.peakRssMb),
    "ts-mls alone": rawMlsPeakMb === undefined ? "" : `${Math.round(rawMlsPeakMb)} MB`,
  }
}

const ratio = (parley: number, sdk: number) => (sdk > 0 ? `${(parley / sdk).toFixed(2)}x` : "-")

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`
}
