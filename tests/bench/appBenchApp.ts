// Child process of the app benchmark: the app's main process for one task, started fresh so its
// start is cold and its peak RSS is its own. The engine runs in this thread or in the engine
// host's worker, as the config says. Run: fork appBenchApp.ts CONFIG_JSON (with an IPC channel).
import { join } from "node:path"
import { hexToBytes } from "@noble/hashes/utils.js"
import { decodeStoredMessage } from "../../src/engine/content/enrichmentDecode"
import { enrichedMessageQuery } from "../../src/engine/groups/messageQueryOptions"
import { SortDirection } from "../../src/engine/index"
import { ClientDatabase } from "../../src/engine/storage/clientDatabase"
import { ENGINE_DB_FILE } from "../../src/main/handlers/accountService"
import { EventLoopLagMonitor } from "../../src/main/eventLoopLag"
import { KeychainService } from "../../src/main/keychain"
import { FileSecretStore } from "../../src/webhost/fileSecretStore"
import { type AppChildCommand, type AppChildConfig, type AppChildReport, type ColdStartFigures, type CommitLagFigures, type OpenConversationFigures, STREAM_PROBE_TEXT } from "./appBenchProtocol"
import { AppBenchSession } from "./appBenchSession"
import { peakRssMb, reportToParent, rssMb, runBenchChild } from "./benchChild"

/** The renderer's page size (src/renderer/src/store/actions.ts MESSAGE_PAGE). */
const PAGE = 200
const STEP_TIMEOUT_MS = 300_000
/** How often an engine request is made while the commits are processed. */
const PING_MS = 25
/** Times the conversation is opened again (the figures are medians; the first open is reported too). */
const OPEN_ROUNDS = 5
/** How long main's lag is watched with the session idle, before the commits. */
const IDLE_MS = 3_000

const report = (message: AppChildReport) => reportToParent(message)

const commands: AppChildCommand[] = []
let commandArrived: (() => void) | undefined
process.on("message", (command: AppChildCommand) => {
  commands.push(command)
  commandArrived?.()
})
async function nextCommand(type: AppChildCommand["type"]): Promise<void> {
  while (!commands.some((c) => c.type === type)) await new Promise<void>((resolve) => (commandArrived = resolve))
}

async function coldStart(config: AppChildConfig): Promise<{ figures: ColdStartFigures; session: AppBenchSession }> {
  const started = performance.now()
  const session = await AppBenchSession.open(config)
  const opened = performance.now()
  const list = await session.call("conversations:list", {})
  const listed = performance.now()
  if (list.length !== config.fixture.conversations) throw new Error(`conversations:list returned ${list.length} conversations, not ${config.fixture.conversations}`)
  const textPreviews = list.filter((summary) => summary.lastMessage?.content.type === "text" || summary.lastMessage?.content.type === "reply").length
  return { figures: { openMs: opened - started, listMs: listed - opened, sinceProcessStartMs: listed, conversations: list.length, textPreviews }, session }
}

async function openConversation(config: AppChildConfig, session: AppBenchSession): Promise<OpenConversationFigures> {
  const id = config.fixture.bigConversationId
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now()
    const result = await work()
    return [result, performance.now() - started]
  }
  const rounds: Array<{ page: number; older: number; members: number }> = []
  let page: Awaited<ReturnType<typeof session.call<"messages:list">>> = []
  for (let round = 0; round < OPEN_ROUNDS; round++) {
    const [newest, pageMs] = await timed(() => session.call("messages:list", id, { limit: PAGE }))
    if (newest.length !== PAGE) throw new Error(`messages:list returned ${newest.length} messages, not ${PAGE}`)
    const [, olderMs] = await timed(() => session.call("messages:list", id, { limit: PAGE, sentBeforeNs: newest[0]!.sentAtNs }))
    const [, membersMs] = await timed(() => Promise.all([session.call("members:list", id), session.call("conversations:markRead", id)]))
    rounds.push({ page: pageMs, older: olderMs, members: membersMs })
    page = newest
  }
  return {
    rawPageMs: await rawPageMs(config),
    enrichedPageMs: median(rounds.map((r) => r.page)),
    firstEnrichedPageMs: rounds[0]!.page,
    olderPageMs: median(rounds.map((r) => r.older)),
    membersMs: median(rounds.map((r) => r.members)),
    rounds: OPEN_ROUNDS,
    pageSize: PAGE,
    reactionsOnPage: page.filter((message) => message.reactions.length > 0).length,
    repliesOnPage: page.filter((message) => message.content.type === "reply").length,
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** The same newest page read as stored rows and decoded, without relations, on a connection of its own. */
async function rawPageMs(config: AppChildConfig): Promise<number> {
  const { fixture, dir } = config
  const keys = await new KeychainService({ store: new FileSecretStore(join(dir, fixture.keysFile)), service: fixture.keychainService }).loadOrCreate(fixture.profile)
  const db = ClientDatabase.open(join(dir, fixture.dataDir, ENGINE_DB_FILE), keys.dbKey)
  try {
    const started = performance.now()
    const rows = db.messages.list([hexToBytes(fixture.bigConversationId)], enrichedMessageQuery({ limit: PAGE, direction: SortDirection.Descending }))
    const decoded = rows.map(decodeStoredMessage).filter((message) => message !== undefined)
    const elapsed = performance.now() - started
    if (decoded.length !== PAGE) throw new Error(`the raw page decoded ${decoded.length} messages, not ${PAGE}`)
    return elapsed
  } finally {
    db.close()
  }
}

async function commitLag(config: AppChildConfig, session: AppBenchSession): Promise<CommitLagFigures> {
  const { bigGroupId, bigGroupMembers } = config.fixture
  // The stream is live once the creator's probe message arrives through it.
  const probed = session.event("messages:upserted", (m) => m.conversationId === bigGroupId && m.content.type === "text" && m.content.text === STREAM_PROBE_TEXT, STEP_TIMEOUT_MS)
  await report({ type: "ready" })
  await probed
  let changes = 0
  const processed = session.event("members:changed", (change) => change.conversationId === bigGroupId && ++changes >= 2 && change.members.length === bigGroupMembers, STEP_TIMEOUT_MS)
  const lag = new EventLoopLagMonitor().start()
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
  const idle = lag.snapshot()
  await report({ type: "live" })
  await nextCommand("commits-requested")
  lag.reset()
  const started = performance.now()
  const roundTrips: number[] = []
  let pinging = true
  const pinger = (async () => {
    while (pinging) {
      const sent = performance.now()
      await session.call("account:get")
      roundTrips.push(performance.now() - sent)
      await new Promise((resolve) => setTimeout(resolve, PING_MS))
    }
  })()
  await processed
  const processedMs = performance.now() - started
  const figures = lag.stop().snapshot()
  pinging = false
  await pinger
  return { ...figures, idleP99Ms: idle.p99Ms, idleMaxMs: idle.maxMs, processedMs, requests: roundTrips.length, slowestRequestMs: Math.max(0, ...roundTrips) }
}

async function main(): Promise<void> {
  const raw = process.argv[2]
  if (!raw || !process.send) throw new Error("usage: fork appBenchApp.ts CONFIG_JSON (with an IPC channel)")
  const config = JSON.parse(raw) as AppChildConfig
  const baselineRssMb = rssMb()
  const { figures: cold, session } = await coldStart(config)
  try {
    if (config.task === "cold-start") {
      await report({ type: "result", figures: cold, baselineRssMb, peakRssMb: peakRssMb() })
      return
    }
    const before = rssMb()
    const figures = config.task === "open-conversation" ? await openConversation(config, session) : await commitLag(config, session)
    await report({ type: "result", figures, baselineRssMb: before, peakRssMb: peakRssMb() })
  } finally {
    await session.close()
  }
}

runBenchChild(main)
