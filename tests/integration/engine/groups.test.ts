// Group and DM membership rules through the engine's API (libxmtp CREATE-07/09, MEMB-01/02/06, DM-05).
import { describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { ConversationType, GroupMessageKind, PermissionLevel, type Client, type Group } from "../../../src/engine/index"
import { type EngineHarness, useEngineClients } from "./support/engineHarness"

describe("group membership through the API", () => {
  let h: EngineHarness
  let api: ApiClient
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("groups", ["alice", "bob", "carol"], (s) => {
    ({ h, clients: { alice, bob, carol } } = s)
    api = h.apiClient()
  })

  const commitCount = async (group: Group) => (await api.mls.queryAllGroupMessages(Buffer.from(group.id, "hex"))).filter((e) => e.isCommit).length

  it("creates an empty group, whose first sync records the creator's identity, and adds members to it later", async () => {
    const group = await alice.conversations.createGroup([], { groupName: "later" })
    expect(await commitCount(group)).toBe(1)
    expect((await group.members()).map((m) => m.inboxId)).toEqual([alice.inboxId])
    await group.addMembers([bob.inboxId])
    await bob.conversations.sync()
    const bobGroup = (await bob.conversations.getConversationById(group.id)) as Group
    expect(bobGroup.name).toBe("later")
    expect((await bobGroup.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId].sort())
  })

  it("treats adding a member twice and removing a non-member as no-ops, and refuses unknown inboxes", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const commits = await commitCount(group)
    await group.addMembers([bob.inboxId])
    await group.removeMembers([carol.inboxId])
    expect(await commitCount(group)).toBe(commits)
    await expect(group.addMembers(["f".repeat(64)])).rejects.toMatchObject({ name: "GroupError", code: "UnknownInbox" })
    expect(await commitCount(group)).toBe(commits)
  })

  it("makes a DM of exactly its two members, with no admins, which both sides find again", async () => {
    const dm = await alice.conversations.createDm(carol.inboxId)
    expect((await dm.members()).map((m) => [m.inboxId, m.permissionLevel]).sort()).toEqual(
      [
        [alice.inboxId, PermissionLevel.Member],
        [carol.inboxId, PermissionLevel.Member],
      ].sort(),
    )
    expect((await dm.messages()).filter((m) => m.kind === GroupMessageKind.Application)).toEqual([])
    await carol.conversations.sync()
    expect((await carol.conversations.createDm(alice.inboxId)).id).toBe(dm.id)
    expect(await carol.conversations.list({ conversationType: ConversationType.Dm })).toHaveLength(1)
  })
})
