// Creating groups through real Parley clients on a real node: creation is local until a commit,
// the stored row, the creator's consent, the membership placeholder of a group never synced, and
// creation with members that is not atomic.
import { describe, expect, it } from "vitest"
import { ConsentState, type Client } from "../../../src/engine/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { StoredConversationType, StoredMembershipState, type StoredGroup } from "../../../src/engine/storage/groups"
import { nowNs } from "../../../src/engine/storage/rows"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { envelopeCount, storedXmtpContext, syncEveryone } from "./support/groupScenario"

describe("group creation", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob", ClientProfile>
  let alice: Client
  let bob: Client

  useEngineClients("group-creation", ["alice", "bob"], (s) => ({ h, profiles, clients: { alice, bob } } = s))

  const storedRow = (profile: ClientProfile, id: string): StoredGroup => {
    const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
    try {
      const row = db.groups.find(Buffer.from(id, "hex"))
      if (!row) throw new Error(`group ${id} is not stored`)
      return row
    } finally {
      db.close()
    }
  }

  it("CREATE-01, CREATE-04: a new group is local, at epoch 0, in a row libxmtp would write, until its first commit", async () => {
    const before = nowNs()
    const group = await alice.conversations.createGroupOptimistic({ groupName: "local" })
    const after = nowNs()
    expect(await envelopeCount(h, group.id)).toBe(0)
    expect((await group.debugInfo()).epoch).toBe(0n)
    const row = storedRow(profiles.alice, group.id)
    expect(row).toMatchObject({
      membershipState: StoredMembershipState.Allowed,
      conversationType: StoredConversationType.Group,
      addedByInboxId: alice.inboxId,
      installationsLastCheckedNs: 0n,
      rotatedAtNs: 0n,
      isActive: true,
    })
    expect(row.dmId).toBeUndefined()
    expect(row.createdAtNs >= before && row.createdAtNs <= after).toBe(true)
    expect(group.addedByInboxId).toBe(alice.inboxId)
  })

  it("CREATE-05: the creator consents to its own group and DM", async () => {
    const group = await alice.conversations.createGroupOptimistic()
    const dm = await alice.conversations.createDm(bob.inboxId)
    expect(group.consentState()).toBe(ConsentState.Allowed)
    expect(dm.consentState()).toBe(ConsentState.Allowed)
  })

  it("CREATE-07: a group never synced lists no members yet takes metadata changes; its first sync records the creator", async () => {
    const group = await alice.conversations.createGroupOptimistic()
    expect(storedXmtpContext(profiles.alice, group.id).membership.members).toEqual(new Map([[alice.inboxId, 0n]]))
    expect(await group.members()).toEqual([])
    await group.updateName("named before any sync")
    expect(await envelopeCount(h, group.id)).toBe(1)
    expect(await group.members()).toEqual([])
    await group.sync()
    expect(await envelopeCount(h, group.id)).toBe(2)
    expect((await group.members()).map((m) => m.inboxId)).toEqual([alice.inboxId])
    expect(storedXmtpContext(profiles.alice, group.id).membership.members.get(alice.inboxId)).toBeGreaterThan(0n)
    expect(group.name).toBe("named before any sync")
  })

  it("CREATE-08: creating with a member that cannot be added fails, but the group stays", async () => {
    const before = alice.conversations.listGroups().length
    await expect(alice.conversations.createGroup(["e".repeat(64)], { groupName: "half made" })).rejects.toMatchObject({ code: "UnknownInbox" })
    const groups = alice.conversations.listGroups()
    expect(groups).toHaveLength(before + 1)
    const kept = groups.find((g) => g.name === "half made")!
    // Still usable: a later add works.
    await kept.addMembers([bob.inboxId])
    await syncEveryone([bob], kept.id)
    expect((await kept.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId].sort())
  })
})
