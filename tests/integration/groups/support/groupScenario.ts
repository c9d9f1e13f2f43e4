// Helpers for group-semantics tests: reaching a conversation on each client, syncing everyone, the
// commits a member whose client skips Parley's own checks would send, and the comparison of what
// honest members hold.
import { bytesToHex } from "@noble/hashes/utils.js"
import { defaultProposalTypes, type ClientState, type GroupContextExtension, type Proposal } from "ts-mls"
import { expect } from "vitest"
import { createApiClient } from "../../../../src/engine/api/index"
import { Group, GroupMessageKind, type Client, type DecodedMessage, type Dm } from "../../../../src/engine/index"
import { createUnvalidatedCommit } from "../../../../src/engine/groups/commitBuilder"
import { groupContextExtensionsProposal, withMembership, withMutableMetadata } from "../../../../src/engine/groups/contextExtensionUpdates"
import { readXmtpGroupContext, type XmtpGroupContext } from "../../../../src/engine/groups/extensions/index"
import { leafMembers } from "../../../../src/engine/groups/leafMembers"
import { xmtpMlsContext } from "../../../../src/engine/groups/mlsContext"
import type { GroupUpdated } from "../../../../src/engine/content/index"
import type { ClientProfile, EngineHarness } from "../../engine/support/engineHarness"
import { storedGroupState } from "../../engine/support/mlsStateOnDisk"

export async function conversationOf(client: Client, id: string): Promise<Group> {
  const conversation = await client.conversations.getConversationById(id)
  if (!conversation) throw new Error(`conversation ${id} is not known to ${client.inboxId}`)
  return conversation as Group
}

/**
 * A DM seen through the Group API, as node-bindings' Conversation exposes every method on DMs too
 * (the SDK's Dm class hides them): the engine itself must refuse what a DM cannot do.
 */
export async function dmThroughGroupApi(client: Client, id: string): Promise<Group> {
  const dm = (await client.conversations.getConversationById(id)) as Dm | undefined
  if (!dm) throw new Error(`DM ${id} is not known to ${client.inboxId}`)
  return Object.assign(Object.create(Group.prototype) as Group, dm)
}

/** Each client joins from its welcomes (if it has not yet) and syncs the group. */
export async function syncEveryone(clients: readonly Client[], id: string): Promise<void> {
  for (const client of clients) {
    await client.conversations.sync()
    await (await conversationOf(client, id)).sync()
  }
}

/** The GroupUpdated transcripts a client holds for a group, oldest first. */
export async function transcripts(client: Client, id: string): Promise<GroupUpdated[]> {
  const messages: DecodedMessage[] = await (await conversationOf(client, id)).messages()
  return messages.filter((m) => m.kind === GroupMessageKind.MembershipChange).map((m) => m.content as GroupUpdated)
}

export async function envelopeCount(h: EngineHarness, id: string): Promise<number> {
  const api = createApiClient({ apiUrl: h.address })
  try {
    return (await api.mls.queryAllGroupMessages(Buffer.from(id, "hex"))).length
  } finally {
    api.close()
  }
}

/** A rewrite of the group context extensions, for RogueMember.commitExtensions. */
export type ExtensionsChange = (extensions: GroupContextExtension[], context: XmtpGroupContext) => GroupContextExtension[]

/** Sets one attribute of the mutable metadata. */
export const setAttribute =
  (field: string, value: string): ExtensionsChange =>
  (extensions, { mutableMetadata }) =>
    withMutableMetadata(extensions, { ...mutableMetadata, attributes: new Map(mutableMetadata.attributes).set(field, value) })

/** Replaces the mutable metadata's admin and super admin lists with what `lists` makes of them. */
export const setLists =
  (lists: (admins: string[], superAdmins: string[]) => { adminList: string[]; superAdminList: string[] }): ExtensionsChange =>
  (extensions, { mutableMetadata }) =>
    withMutableMetadata(extensions, { ...mutableMetadata, ...lists([...mutableMetadata.adminList], [...mutableMetadata.superAdminList]) })

/** A member's client that skips Parley's checks: commits built from its stored state and published as they are. */
export class RogueMember {
  constructor(
    private readonly h: EngineHarness,
    readonly profile: ClientProfile,
    readonly inboxId: string,
  ) {}

  /** Publishes a commit whose only proposal installs `change(extensions)` as the group context extensions. */
  async commitExtensions(groupId: string, change: ExtensionsChange): Promise<void> {
    const state = storedGroupState(this.profile, groupId)
    const extensions = state.groupContext.extensions
    await this.publish(groupId, [groupContextExtensionsProposal(change(extensions, readXmtpGroupContext(extensions)))])
  }

  /** Publishes a commit removing every installation of `inboxId`, with the membership that follows. */
  async commitRemoval(groupId: string, inboxId: string): Promise<void> {
    const state = storedGroupState(this.profile, groupId)
    const extensions = state.groupContext.extensions
    const { membership } = readXmtpGroupContext(extensions)
    const members = new Map(membership.members)
    members.delete(inboxId)
    const removals = leafMembers(state.ratchetTree)
      .filter((leaf) => leaf.inboxId === inboxId)
      .map((leaf): Proposal => ({ proposalType: defaultProposalTypes.remove, remove: { removed: leaf.leafIndex } }))
    await this.publish(groupId, [...removals, groupContextExtensionsProposal(withMembership(extensions, { ...membership, members }))])
  }

  /** Publishes a commit of whatever proposals `build` makes from the stored state. */
  async commitProposals(groupId: string, build: (state: ClientState) => Proposal[]): Promise<void> {
    await this.publish(groupId, build(storedGroupState(this.profile, groupId)))
  }

  private async publish(groupId: string, proposals: Proposal[]): Promise<void> {
    const built = await createUnvalidatedCommit(await xmtpMlsContext(), storedGroupState(this.profile, groupId), proposals)
    const api = createApiClient({ apiUrl: this.h.address })
    try {
      await api.mls.sendGroupMessages([{ data: built.commit, shouldPush: false }])
    } finally {
      api.close()
    }
  }
}

/** Each client's next sync refuses exactly one envelope: a commit failing validation with `code`; its epoch stays. */
export async function expectEachRefusesCommit(clients: readonly Client[], groupId: string, code: string): Promise<void> {
  for (const client of clients) {
    const group = await conversationOf(client, groupId)
    const { epoch } = await group.debugInfo()
    // A refused envelope does not fail the sync (as the SDK's): it is listed in the summary.
    const { failures } = await group.sync()
    expect(failures.map((f) => [f.code, f.commitError?.code]), `${client.inboxId} should refuse the commit`).toEqual([["CommitValidation", code]])
    expect((await group.debugInfo()).epoch).toBe(epoch)
  }
}

/** The honest members hold the same group: epoch, context (every extension byte), tree and transcript hashes. */
export function expectSameGroupState(profiles: readonly ClientProfile[], groupId: string): void {
  const contexts = profiles.map((profile) =>
    JSON.stringify(storedGroupState(profile, groupId).groupContext, (_key, value: unknown) =>
      value instanceof Uint8Array ? bytesToHex(value) : typeof value === "bigint" ? value.toString() : value,
    ),
  )
  for (const context of contexts) expect(context).toBe(contexts[0])
}

/** The decoded XMTP extensions a client holds for a group (read from its database). */
export function storedXmtpContext(profile: ClientProfile, groupId: string): XmtpGroupContext {
  return readXmtpGroupContext(storedGroupState(profile, groupId).groupContext.extensions)
}
