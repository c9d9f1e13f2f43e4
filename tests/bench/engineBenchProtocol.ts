// Messages between the engine benchmark and its worker processes (fork IPC). Every worker runs one
// task with one kind of client, so its peak RSS is that client's alone.

export type BenchClientKind = "parley" | "sdk"

/** A client's wallet, database file and key: enough for a later worker to reopen the installation. */
export interface ClientProfile {
  kind: BenchClientKind
  privateKeyHex: string
  dbPath: string
  dbKeyHex: string
}

export type WorkerTask =
  /** The creator creates a group adding `receiver` and `fillers`; the receiver processes its welcome. */
  | { task: "create"; kind: BenchClientKind; fillers: string[] }
  /** A 10-member group; one member streams while another sends, one message at a time. */
  | { task: "latency"; kind: BenchClientKind; fillers: string[]; warmup: number; samples: number }
  /** A group the receiver joins and then leaves alone while the sender sends `messages` texts. */
  | { task: "send-many"; kind: BenchClientKind; fillers: string[]; messages: number; receiver: ClientProfile }
  /** The receiver of send-many, reopened from its database, syncs the group once. */
  | { task: "sync"; kind: BenchClientKind; receiver: ClientProfile; groupId: string }
  /** ts-mls alone: a commit adding N XMTP-shaped key packages, and a join from its welcome. */
  | { task: "tsmls"; sizes: number[] }

export interface WorkerConfig {
  apiUrl: string
  /** A directory for the worker's client databases. */
  dir: string
  task: WorkerTask
}

export interface CreateFigures {
  createMs: number
  welcomeMs: number
  /** Members the receiver sees after its welcome (a check that the group really is that big). */
  receiverSeesMembers: number
}

export interface LatencyFigures {
  p50Ms: number
  p99Ms: number
  maxMs: number
  samples: number
}

export interface SendManyFigures {
  groupId: string
  sendMs: number
}

export interface SyncFigures {
  syncMs: number
  /** Texts the receiver holds after the sync (a check: every message arrived). */
  textsAfter: number
}

export interface TsMlsFigures {
  size: number
  /** createCommit with N Add proposals and the ratchet tree, commit and Welcome encoded. */
  commitMs: number
  /** The Welcome sealed to each of the N installations' X-Wing keys. */
  wrapMs: number
  joinMs: number
  welcomeBytes: number
  peakRssMb: number
}

export type TaskFigures = CreateFigures | LatencyFigures | SendManyFigures | SyncFigures | TsMlsFigures[]

export type WorkerReport =
  | { type: "result"; figures: TaskFigures; baselineRssMb: number; peakRssMb: number }
  | { type: "failed"; error: string }
