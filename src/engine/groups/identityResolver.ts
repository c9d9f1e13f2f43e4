// Association states of inboxes at given identity-update sequence ids, as libxmtp's
// IdentityUpdates does it (identity_updates.rs): updates are fetched from the network once, kept in
// the identity_updates table, and verified and applied whenever a state is derived from them.
// Derived states are cached in memory for the life of the client.
import type { ApiClient } from "../api/index"
import { stateFromUpdates, type AssociationState } from "../identity/index"
import { associations } from "../proto/index"
import type { ClientDatabase } from "../storage/clientDatabase"

export type IdentityResolverErrorCode =
  /** The inbox has no identity updates (it was never registered). */
  | "UnknownInbox"
  /** A group names a sequence id the inbox's log does not reach. */
  | "MissingIdentityUpdate"

export class IdentityResolverError extends Error {
  override readonly name = "IdentityResolverError"
  constructor(
    readonly code: IdentityResolverErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface InstallationDelta {
  added: Uint8Array[]
  removed: Uint8Array[]
}

export class IdentityResolver {
  private readonly states = new Map<string, AssociationState>()

  constructor(
    private readonly api: ApiClient,
    private readonly db: ClientDatabase,
  ) {}

  /** Fetches the updates each inbox has on the network after what is stored (load_identity_updates). */
  async load(inboxIds: readonly string[]): Promise<void> {
    const unique = [...new Set(inboxIds)]
    if (unique.length === 0) return
    const latest = this.db.identityUpdates.latestSequenceIds(unique)
    const responses = await this.api.identity.getIdentityUpdates(unique.map((inboxId) => ({ inboxId, sequenceId: latest.get(inboxId) ?? 0n })))
    const rows = responses.flatMap((response) =>
      response.updates.map((log) => ({
        inboxId: response.inboxId,
        sequenceId: log.sequenceId,
        serverTimestampNs: log.serverTimestampNs,
        payload: associations.IdentityUpdate.encode(log.update).finish(),
      })),
    )
    this.db.identityUpdates.insertOrIgnore(rows)
  }

  latestSequenceIds(inboxIds: readonly string[]): Map<string, bigint> {
    return this.db.identityUpdates.latestSequenceIds(inboxIds)
  }

  /**
   * The inbox's state after the update with `sequenceId` (all stored updates when undefined).
   * Throws IdentityResolverError when the log does not reach that far, AssociationError when an
   * update does not verify.
   */
  async stateAt(inboxId: string, sequenceId?: bigint): Promise<AssociationState> {
    const stored = this.db.identityUpdates.list(inboxId, sequenceId)
    const last = stored.at(-1)
    if (last === undefined) throw new IdentityResolverError("UnknownInbox", `Inbox ${inboxId} has no identity updates on the network.`)
    if (sequenceId !== undefined && last.sequenceId !== sequenceId) {
      throw new IdentityResolverError(
        "MissingIdentityUpdate",
        `Inbox ${inboxId}'s identity log reaches sequence id ${last.sequenceId}, not ${sequenceId}.`,
      )
    }
    const key = `${inboxId}:${last.sequenceId}`
    const cached = this.states.get(key)
    if (cached) return cached
    const state = await stateFromUpdates(stored.map((row) => associations.IdentityUpdate.decode(row.payload)))
    this.states.set(key, state)
    return state
  }

  /**
   * Installations added and removed between two points of an inbox's log; from the start when
   * `fromSequenceId` is undefined (get_association_state_diff).
   */
  async installationDelta(inboxId: string, fromSequenceId: bigint | undefined, toSequenceId: bigint): Promise<InstallationDelta> {
    const to = await this.stateAt(inboxId, toSequenceId)
    if (fromSequenceId === undefined) return { added: to.installationKeys, removed: [] }
    const from = await this.stateAt(inboxId, fromSequenceId)
    const diff = from.diff(to)
    const keys = (members: typeof diff.addedMembers) => members.flatMap((m) => (m.kind === "installation" ? [m.publicKey] : []))
    return { added: keys(diff.addedMembers), removed: keys(diff.removedMembers) }
  }
}
