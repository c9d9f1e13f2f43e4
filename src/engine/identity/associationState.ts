// The members of one inbox at one point of its identity-update log (libxmtp's AssociationState).
// Instances are immutable: each change returns a new state, so a failed update leaves the previous
// state untouched.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import {
  type AccountIdentifier,
  type MemberIdentifier,
  memberKey,
  sameMember,
} from "./memberIdentifier"

export interface Member {
  identifier: MemberIdentifier
  /** The member whose signature added this one; undefined for the inbox's creator. */
  addedBy?: MemberIdentifier
  /** The timestamp of the update that added it; undefined for the creator. */
  clientTimestampNs?: bigint
}

export interface StateDiff {
  addedMembers: MemberIdentifier[]
  removedMembers: MemberIdentifier[]
}

export class AssociationState {
  private constructor(
    readonly inboxId: string,
    readonly recoveryIdentifier: AccountIdentifier,
    private readonly memberMap: ReadonlyMap<string, Member>,
    private readonly seenSignatureHexes: ReadonlySet<string>,
  ) {}

  /** A fresh inbox owned by `creator`, which is also its recovery identifier. */
  static create(inboxId: string, creator: AccountIdentifier): AssociationState {
    return new AssociationState(inboxId, creator, new Map([[memberKey(creator), { identifier: creator }]]), new Set())
  }

  get(identifier: MemberIdentifier): Member | undefined {
    return this.memberMap.get(memberKey(identifier))
  }

  has(identifier: MemberIdentifier): boolean {
    return this.memberMap.has(memberKey(identifier))
  }

  /** Members ordered as libxmtp lists them: by the timestamp that added them, the creator last. */
  get members(): Member[] {
    return [...this.memberMap.values()].sort((a, b) => compareTimestamps(a.clientTimestampNs, b.clientTimestampNs))
  }

  get installationKeys(): Uint8Array[] {
    return this.members.flatMap((m) => (m.identifier.kind === "installation" ? [m.identifier.publicKey] : []))
  }

  /** Installation ids as lowercase hex (the form the SDK prints). */
  get installationIds(): string[] {
    return this.installationKeys.map((key) => bytesToHex(key))
  }

  get accountIdentifiers(): AccountIdentifier[] {
    return this.members.flatMap((m) => (m.identifier.kind === "installation" ? [] : [m.identifier]))
  }

  membersAddedBy(parent: MemberIdentifier): Member[] {
    return [...this.memberMap.values()].filter((m) => sameMember(m.addedBy, parent))
  }

  /** Every signature earlier updates used, so a restored state still rejects replays. */
  get seenSignatures(): Uint8Array[] {
    return [...this.seenSignatureHexes].map((hex) => hexToBytes(hex))
  }

  hasSeenSignature(signature: Uint8Array): boolean {
    return this.seenSignatureHexes.has(bytesToHex(signature))
  }

  withMember(member: Member): AssociationState {
    const members = new Map(this.memberMap)
    members.set(memberKey(member.identifier), member)
    return new AssociationState(this.inboxId, this.recoveryIdentifier, members, this.seenSignatureHexes)
  }

  withoutMember(identifier: MemberIdentifier): AssociationState {
    const members = new Map(this.memberMap)
    members.delete(memberKey(identifier))
    return new AssociationState(this.inboxId, this.recoveryIdentifier, members, this.seenSignatureHexes)
  }

  withRecoveryIdentifier(recovery: AccountIdentifier): AssociationState {
    return new AssociationState(this.inboxId, recovery, this.memberMap, this.seenSignatureHexes)
  }

  withSeenSignatures(signatures: Uint8Array[]): AssociationState {
    const seen = new Set(this.seenSignatureHexes)
    for (const signature of signatures) seen.add(bytesToHex(signature))
    return new AssociationState(this.inboxId, this.recoveryIdentifier, this.memberMap, seen)
  }

  /** Members present in `next` and not here, and the other way round. */
  diff(next: AssociationState): StateDiff {
    return {
      addedMembers: [...next.memberMap.entries()].filter(([k]) => !this.memberMap.has(k)).map(([, m]) => m.identifier),
      removedMembers: [...this.memberMap.entries()].filter(([k]) => !next.memberMap.has(k)).map(([, m]) => m.identifier),
    }
  }

  /** Every member as added, for a state that starts from nothing. */
  asDiff(): StateDiff {
    return { addedMembers: [...this.memberMap.values()].map((m) => m.identifier), removedMembers: [] }
  }
}

function compareTimestamps(a: bigint | undefined, b: bigint | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  return a < b ? -1 : 1
}
