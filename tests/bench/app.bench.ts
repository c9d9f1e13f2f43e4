// App benchmark: the desktop app's main process with a large profile, its engine in main's own
// thread (as before the engine host) and in the engine host's worker thread. Run: npm run bench -- app
//
// The fixture (appBenchFixture.ts, seeded once and cached under the temp folder): one profile with
// 1,000 conversations (999 groups it made with a peer, one 400-member group other installations
// built) in an encrypted SQLite file, one conversation holding 100,000 messages (texts, replies,
// reactions), keys in a file-based keychain as the web host keeps them. Each run copies it, starts
// a node on the copy, and runs every case in a fresh child process (appBenchApp.ts) that opens the
// real ProfileSession (or EngineHost) and calls the registered IPC handlers as main does:
// - cold start: open the session -> first conversations:list response;
// - opening the 100,000-message conversation: the newest page as stored rows, then messages:list
//   (enriched), the page before it, members and markRead;
// - main's event-loop lag while the profile's live stream processes two commits (add, remove a
//   member) to the 400-member group, made by its creator in another process (appBenchPeer.ts).
import { mkdtemp, rm } from "node:fs/promises"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { copyFixture, ensureFixture, FULL_SEED } from "./appBenchFixture"
import type {
  AppChildCommand,
  AppChildConfig,
  AppChildReport,
  AppFigures,
  AppFixture,
  ColdStartFigures,
  CommitLagFigures,
  EngineHostMode,
  OpenConversationFigures,
  PeerCommand,
  PeerReport,
} from "./appBenchProtocol"
import type { AppSeedScale } from "./appBenchSeed"
import { BenchChild } from "./nodeBenchChildren"
import type { ServerCommand, ServerReport } from "./nodeBenchProtocol"
import type { BenchReport } from "./run"

const CHILD_TIMEOUT_MS = 600_000
const MODES: EngineHostMode[] = ["inline", "worker"]
const MODE_LABEL: Record<EngineHostMode, string> = { inline: "engine in main thread", worker: "engine in worker" }

interface Measured<F extends AppFigures> {
  figures: F
  baselineRssMb: number
  peakRssMb: number
}

interface ModeResults {
  cold: Measured<ColdStartFigures>
  open: Measured<OpenConversationFigures>
  lag: Measured<CommitLagFigures>
  commits: Extract<PeerReport, { type: "committed" }>
}

type Row = BenchReport["rows"][number]

/** `seed` shrinks the fixture (for trying the benchmark out); `npm run bench` uses the full one. */
export async function run(seed: AppSeedScale = FULL_SEED): Promise<BenchReport> {
  const started = performance.now()
  const { dir: fixtureDir, fixture, seeded } = await ensureFixture(seed)
  const results: Partial<Record<EngineHostMode, ModeResults>> = {}
  for (const mode of MODES) results[mode] = await runMode(fixtureDir, fixture, mode)
  const inline = results.inline!
  const worker = results.worker!
  const both = (label: string, pick: (r: ModeResults) => string, memory?: (r: ModeResults) => string): Row => ({
    case: label,
    [MODE_LABEL.inline]: pick(inline),
    "peak RSS ": memory ? memory(inline) : "",
    [MODE_LABEL.worker]: pick(worker),
    "peak RSS": memory ? memory(worker) : "",
  })
  const rss = (m: Measured<AppFigures>) => `${Math.round(m.peakRssMb)} MB (${Math.round(m.baselineRssMb)})`
  const rows: Row[] = [
    both(`cold start -> first conversations:list (${fixture.conversations} conversations)`, (r) => ms(r.cold.figures.openMs + r.cold.figures.listMs), (r) => rss(r.cold)),
    both("  open session", (r) => ms(r.cold.figures.openMs)),
    both("  conversations:list", (r) => ms(r.cold.figures.listMs)),
    both("  from process start (modules loaded through tsx)", (r) => ms(r.cold.figures.sinceProcessStartMs)),
    both(`open a ${fixture.bigConversationMessages.toLocaleString("en")}-message conversation: first page, stored rows`, (r) => ms(r.open.figures.rawPageMs), (r) => rss(r.open)),
    both(`  enriched page (messages:list, ${inline.open.figures.pageSize}), first open`, (r) => ms(r.open.figures.firstEnrichedPageMs)),
    both(`  enriched page, median of ${inline.open.figures.rounds} opens`, (r) => ms(r.open.figures.enrichedPageMs)),
    both("  the page before it", (r) => ms(r.open.figures.olderPageMs)),
    both("  members:list + markRead", (r) => ms(r.open.figures.membersMs)),
    both("main event-loop lag p99, session idle", (r) => ms(r.lag.figures.idleP99Ms)),
    both("  max", (r) => ms(r.lag.figures.idleMaxMs)),
    both(`main event-loop lag p50, ${fixture.bigGroupMembers}-member commits`, (r) => ms(r.lag.figures.p50Ms), (r) => rss(r.lag)),
    both("  p99", (r) => ms(r.lag.figures.p99Ms)),
    both("  max", (r) => ms(r.lag.figures.maxMs)),
    both("  both commits processed (add, remove)", (r) => ms(r.lag.figures.processedMs)),
    both("  slowest engine request meanwhile (account:get, from its dispatch)", (r) => `${ms(r.lag.figures.slowestRequestMs)} of ${r.lag.figures.requests}`),
  ]
  return {
    title: `App: cold start, a large conversation and main's event loop (${fixture.conversations} conversations, ${fixture.messageRows.toLocaleString("en")} message rows)`,
    rows,
    notes: [
      "each case runs in a fresh child process (cold start: session open included, module loading not, except in the worker, which loads the engine's modules from source through tsx when the session opens, where the built app loads one bundle); time: wall clock there; peak RSS: that process's high-water mark, worker thread included (in brackets: RSS before the measured step)",
      `fixture: ${fixture.conversations - 1} groups with one peer plus one ${fixture.bigGroupMembers}-member group; the big conversation has ${fixture.bigConversationMessages.toLocaleString("en")} texts and replies (1 in 25) with a reaction on 1 in 10; ${seeded ? `seeded in this run (${fixture.seedSeconds.toFixed(0)} s)` : `seeded by an earlier run in ${fixtureDir}`}`,
      `the page before it and members:list + markRead: medians of the same opens; first page, stored rows: the ${inline.open.figures.pageSize} newest rows read and decoded on a connection of their own, without relations; the enriched page carried ${inline.open.figures.reactionsOnPage} messages with reactions and ${inline.open.figures.repliesOnPage} replies`,
      `lag: perf_hooks event-loop delay (10 ms resolution) of the process's main thread: idle = 3 s with the live streams open and nothing arriving; commits = from asking the creator to commit until both members:changed events were pushed; account:get is asked every 25 ms meanwhile; the creator's add took ${ms(inline.commits.addMs)}/${ms(worker.commits.addMs)}, its remove ${ms(inline.commits.removeMs)}/${ms(worker.commits.removeMs)}`,
      `the node runs in a process of its own; the machine: ${availableParallelism()} cores; total ${ms(performance.now() - started)}`,
    ],
  }
}

async function runMode(fixtureDir: string, fixture: AppFixture, engineHost: EngineHostMode): Promise<ModeResults> {
  const dir = await mkdtemp(join(tmpdir(), `parley-app-bench-run-${engineHost}-`))
  let server: BenchChild<ServerReport, ServerCommand> | undefined
  try {
    await copyFixture(fixtureDir, dir)
    server = new BenchChild<ServerReport, ServerCommand>("node", "./nodeBenchServer.ts", [join(dir, fixture.nodeDb)])
    const { address } = await server.next("listening", 60_000)
    const config = (task: AppChildConfig["task"]): AppChildConfig => ({ dir, fixture, apiUrl: address, engineHost, task })
    const cold = await measure<ColdStartFigures>(config("cold-start"))
    const open = await measure<OpenConversationFigures>(config("open-conversation"))
    const { lag, commits } = await measureLag(config("commit-lag"))
    server.send({ type: "stop" })
    await server.next("stopped", 60_000)
    return { cold, open, lag, commits }
  } finally {
    server?.kill()
    await rm(dir, { recursive: true, force: true })
  }
}

async function measure<F extends AppFigures>(config: AppChildConfig): Promise<Measured<F>> {
  const app = new BenchChild<AppChildReport, AppChildCommand>(`app ${config.task} (${config.engineHost})`, "./appBenchApp.ts", [JSON.stringify(config)])
  try {
    const result = await app.next("result", CHILD_TIMEOUT_MS)
    return { figures: result.figures as F, baselineRssMb: result.baselineRssMb, peakRssMb: result.peakRssMb }
  } finally {
    app.kill()
  }
}

async function measureLag(config: AppChildConfig): Promise<{ lag: Measured<CommitLagFigures>; commits: Extract<PeerReport, { type: "committed" }> }> {
  const peer = new BenchChild<PeerReport, PeerCommand>(`creator (${config.engineHost})`, "./appBenchPeer.ts", [JSON.stringify(config)])
  const app = new BenchChild<AppChildReport, AppChildCommand>(`app ${config.task} (${config.engineHost})`, "./appBenchApp.ts", [JSON.stringify(config)])
  try {
    await Promise.all([peer.next("open", CHILD_TIMEOUT_MS), app.next("ready", CHILD_TIMEOUT_MS)])
    peer.send({ type: "probe" })
    await app.next("live", CHILD_TIMEOUT_MS)
    app.send({ type: "commits-requested" })
    peer.send({ type: "commit" })
    const [commits, result] = await Promise.all([peer.next("committed", CHILD_TIMEOUT_MS), app.next("result", CHILD_TIMEOUT_MS)])
    return { lag: { figures: result.figures as CommitLagFigures, baselineRssMb: result.baselineRssMb, peakRssMb: result.peakRssMb }, commits }
  } finally {
    app.kill()
    peer.kill()
  }
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`
}
