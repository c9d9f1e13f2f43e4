// Messages between the app benchmark (app.bench.ts) and its child processes (over the fork IPC
// channel), and the description of the seeded fixture they share.
import type { ClientProfile } from "./engineBenchProtocol"

/** What the seeder leaves in the fixture directory (fixture.json), besides the files. */
export interface AppFixture {
  version: number
  /** The app profile's name, data directory (relative to the fixture) and key file. */
  profile: string
  dataDir: string
  keysFile: string
  keychainService: string
  /** The node's SQLite file, relative to the fixture. */
  nodeDb: string
  conversations: number
  /** Every stored message row (texts, replies, reactions, group-update transcripts). */
  messageRows: number
  /** The conversation holding `bigConversationMessages` listed messages (texts and replies). */
  bigConversationId: string
  bigConversationMessages: number
  /** The group built by other installations that the profile belongs to. */
  bigGroupId: string
  bigGroupMembers: number
  /** The installation that built the big group; its database is relative to the fixture. */
  creator: ClientProfile
  /** A registered installation, not a member, that the creator adds and then removes. */
  joinerInboxId: string
  seedSeconds: number
}

/** The text the creator sends to learn that the app's live stream is following the big group. */
export const STREAM_PROBE_TEXT = "stream probe"

export type EngineHostMode = "inline" | "worker"

export interface AppChildConfig {
  /** The run's copy of the fixture. */
  dir: string
  fixture: AppFixture
  apiUrl: string
  engineHost: EngineHostMode
  task: "cold-start" | "open-conversation" | "commit-lag"
}

export interface ColdStartFigures {
  openMs: number
  listMs: number
  /** From the process's start (module loading through tsx included) to the list. */
  sinceProcessStartMs: number
  conversations: number
  textPreviews: number
}

export interface OpenConversationFigures {
  /** The newest page as stored rows, decoded, without relations. */
  rawPageMs: number
  /** messages:list through the handler: decoded and enriched (reactions, replies); median of `rounds`. */
  enrichedPageMs: number
  /** The same, the first time the conversation is opened. */
  firstEnrichedPageMs: number
  rounds: number
  /** The page before it (paging back with sentBeforeNs). */
  olderPageMs: number
  /** What selecting the conversation asks for besides the page: members:list and markRead. */
  membersMs: number
  pageSize: number
  reactionsOnPage: number
  repliesOnPage: number
}

export interface CommitLagFigures {
  p50Ms: number
  p99Ms: number
  maxMs: number
  samples: number
  /** The same lag with the session idle (live stream open, nothing arriving) for a few seconds before. */
  idleP99Ms: number
  idleMaxMs: number
  /** From asking the creator to commit until the profile pushed members:changed for both commits. */
  processedMs: number
  /** Requests answered while the commits were processed, and their slowest round trip. */
  requests: number
  slowestRequestMs: number
}

export type AppFigures = ColdStartFigures | OpenConversationFigures | CommitLagFigures

export type AppChildReport =
  /** The session is open and has listed its conversations (the lag task waits for the probe next). */
  | { type: "ready" }
  /** The probe arrived through the live stream: the commits may be made. */
  | { type: "live" }
  | { type: "result"; figures: AppFigures; baselineRssMb: number; peakRssMb: number }
  | { type: "failed"; error: string }

/** Parent -> app child: the commits have been asked for (the lag window starts). */
export type AppChildCommand = { type: "commits-requested" }

export type PeerCommand = { type: "probe" } | { type: "commit" }
export type PeerReport = { type: "open" } | { type: "committed"; addMs: number; removeMs: number } | { type: "failed"; error: string }

export type SeedReport = { type: "seeded"; fixture: AppFixture } | { type: "progress"; line: string } | { type: "failed"; error: string }
