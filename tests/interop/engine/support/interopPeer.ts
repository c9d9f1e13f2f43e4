// One shape for a client of either kind (Parley's engine or the official SDK), so an interop
// scenario is written once and run with the kinds in any role. Everything a peer reports is
// rendered through a Roster into labels ("alice", "bob"), so a failing assertion reads as a story.

export type ClientKind = "parley" | "sdk"

/** What a group_updated transcript says, with inbox ids turned into labels. */
export interface Transcript {
  by: string
  added: string[]
  removed: string[]
  left: string[]
  /** Metadata and admin-list changes, one line each ("name: a -> b", "+admin carol"). */
  other: string[]
}

/** A conversation's history, oldest first: `label: text` for texts, a Transcript for commits. */
export type HistoryEntry = string | Transcript

export interface PeerConversation {
  readonly id: string
  readonly isActive: boolean
  sync(): Promise<void>
  sendText(text: string): Promise<void>
  /** Text messages as `sender: text`, oldest first. */
  texts(): Promise<string[]>
  transcripts(): Promise<Transcript[]>
  history(): Promise<HistoryEntry[]>
  /** Member labels, sorted. */
  members(): Promise<string[]>
  addMembers(inboxIds: string[]): Promise<void>
  removeMembers(inboxIds: string[]): Promise<void>
}

/**
 * Why a client refused a call: the group is inactive; a commit of ours was rejected for want of
 * permission; or the change's sync failed without saying why (what libxmtp reports for its own
 * rejected commit, see SdkPeer.refusalOf).
 */
export type Refusal = "inactive" | "permission" | "sync-failed" | "other"

/**
 * A group's permission policy set, numbered as libxmtp and both clients number PermissionPolicy
 * (0 Allow, 1 Deny, 2 Admin, 3 SuperAdmin).
 */
export interface PolicySet {
  addMemberPolicy: number
  removeMemberPolicy: number
  addAdminPolicy: number
  removeAdminPolicy: number
  updateGroupNamePolicy: number
  updateGroupDescriptionPolicy: number
  updateGroupImageUrlSquarePolicy: number
  updateMessageDisappearingPolicy: number
  updateAppDataPolicy: number
}

/** libxmtp's default policy set (group_permissions.rs default_policy) except that any member may remove. */
export const MEMBERS_MAY_REMOVE: PolicySet = {
  addMemberPolicy: 0,
  removeMemberPolicy: 0,
  addAdminPolicy: 3,
  removeAdminPolicy: 3,
  updateGroupNamePolicy: 0,
  updateGroupDescriptionPolicy: 0,
  updateGroupImageUrlSquarePolicy: 0,
  updateMessageDisappearingPolicy: 2,
  updateAppDataPolicy: 0,
}

export interface Peer {
  readonly kind: ClientKind
  readonly label: string
  readonly inboxId: string
  /** A group with the default permissions, or with `policies` as a custom policy set. */
  createGroup(inboxIds: string[], policies?: PolicySet): Promise<PeerConversation>
  createDm(inboxId: string): Promise<PeerConversation>
  /** Processes pending welcomes (the SDK's and Parley's conversations.sync()). */
  syncWelcomes(): Promise<void>
  /** Welcomes, then every active conversation. */
  syncAll(): Promise<void>
  conversationById(id: string): Promise<PeerConversation | undefined>
  /** The DM with `inboxId` the client picks (the most recently active of stitched duplicates). */
  dmWith(inboxId: string): PeerConversation | undefined
  /** DMs as listed by default (stitched duplicates shown once). */
  listDms(): Promise<PeerConversation[]>
  /** Reads the client's own error for a refused call. */
  refusalOf(error: unknown): Refusal
}

/** The refusal a call ended with; fails the test if the call succeeded instead. */
export async function refusalOf(peer: Peer, call: Promise<unknown>): Promise<Refusal> {
  try {
    await call
  } catch (error) {
    return peer.refusalOf(error)
  }
  throw new Error(`expected ${peer.label} (${peer.kind}) to refuse the call, but it succeeded`)
}

/** Labels for inbox ids, shared by every peer of a scenario. */
export class Roster {
  private readonly labels = new Map<string, string>()

  add(inboxId: string, label: string): void {
    this.labels.set(inboxId, label)
  }

  labelOf = (inboxId: string): string => this.labels.get(inboxId) ?? `unknown(${inboxId.slice(0, 8)})`
}

/** The libxmtp GroupUpdated fields both clients expose (node-bindings' and Parley's GroupUpdated alike). */
export interface GroupUpdatedFields {
  initiatedByInboxId: string
  addedInboxes: Array<{ inboxId: string }>
  removedInboxes: Array<{ inboxId: string }>
  leftInboxes: Array<{ inboxId: string }>
  metadataFieldChanges: Array<{ fieldName: string; oldValue?: string | undefined; newValue?: string | undefined }>
  addedAdminInboxes: Array<{ inboxId: string }>
  removedAdminInboxes: Array<{ inboxId: string }>
  addedSuperAdminInboxes: Array<{ inboxId: string }>
  removedSuperAdminInboxes: Array<{ inboxId: string }>
}

/**
 * Inbox lists come out sorted by label: libxmtp lists them in HashMap iteration order
 * (group_membership.rs GroupMembership::diff), so their order carries no meaning.
 */
export function toTranscript(update: GroupUpdatedFields, roster: Roster): Transcript {
  const labels = (inboxes: Array<{ inboxId: string }>) => inboxes.map((i) => roster.labelOf(i.inboxId)).sort()
  const listChange = (sign: string, role: string, inboxes: Array<{ inboxId: string }>) => labels(inboxes).map((l) => `${sign}${role} ${l}`)
  return {
    by: roster.labelOf(update.initiatedByInboxId),
    added: labels(update.addedInboxes),
    removed: labels(update.removedInboxes),
    left: labels(update.leftInboxes),
    other: [
      ...update.metadataFieldChanges.map((c) => `${c.fieldName}: ${c.oldValue ?? "(none)"} -> ${c.newValue ?? "(none)"}`),
      ...listChange("+", "admin", update.addedAdminInboxes),
      ...listChange("-", "admin", update.removedAdminInboxes),
      ...listChange("+", "super admin", update.addedSuperAdminInboxes),
      ...listChange("-", "super admin", update.removedSuperAdminInboxes),
    ],
  }
}

/** A transcript that only adds or removes members, for expectations. */
export function membershipChange(by: string, change: { added?: string[]; removed?: string[] }): Transcript {
  return { by, added: [...(change.added ?? [])].sort(), removed: [...(change.removed ?? [])].sort(), left: [], other: [] }
}
