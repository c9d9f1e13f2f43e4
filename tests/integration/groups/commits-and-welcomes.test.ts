// Intents, commits and welcomes through real Parley clients on a real node: the key rotation before
// a member's first message, publish order, which commits leave a transcript, and what a joiner
// stores from its welcome.
import { describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { ConsentState, GroupMembershipState, GroupMessageKind, type Client } from "../../../src/engine/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { nowNs } from "../../../src/engine/storage/rows"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, syncEveryone, transcripts } from "./support/groupScenario"

describe("commits and welcomes", () => {
  let h: EngineHarness
  let api: ApiClient
  let profiles: Record<"alice" | "bob" | "carol", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("group-commits", ["alice", "bob", "carol"], (s) => {
    ({ h, profiles, clients: { alice, bob, carol } } = s)
    api = h.apiClient()
  })

  const kinds = async (id: string) => (await api.mls.queryAllGroupMessages(Buffer.from(id, "hex"))).map((e) => (e.isCommit ? "commit" : "message"))
  const texts = async (client: Client, id: string) =>
    (await (await conversationOf(client, id)).messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

  it("INTENT-04, INTENT-11: a member's first message is preceded by a key rotation, which leaves no transcript", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    const before = await kinds(group.id)
    await bobGroup.sendText("first")
    await bobGroup.sendText("second")
    expect((await kinds(group.id)).slice(before.length)).toEqual(["commit", "message", "message"])
    const transcriptsBefore = (await transcripts(alice, group.id)).length
    await group.sync()
    expect(await transcripts(alice, group.id)).toHaveLength(transcriptsBefore)
    expect(await texts(alice, group.id)).toEqual(["first", "second"])
  })

  it("INTENT-03, SYNC-06: a message queued before an add goes out first, and the new member never reads it", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await group.sendText("warm-up")
    const before = await kinds(group.id)
    await group.sendText("before carol", true)
    await group.addMembers([carol.inboxId])
    expect((await kinds(group.id)).slice(before.length)).toEqual(["message", "commit"])
    await group.sendText("after carol")
    await syncEveryone([bob, carol], group.id)
    expect(await texts(carol, group.id)).toEqual(["after carol"])
    expect(await texts(bob, group.id)).toEqual(["warm-up", "before carol", "after carol"])
  })

  it("SYNC-01, SYNC-03, SYNC-04, SYNC-05: a joiner stores a Pending row added by the adder, an 'added you' transcript, and no consent", async () => {
    const group = await alice.conversations.createGroup([])
    await group.addMembers([carol.inboxId])
    const before = nowNs()
    const result = await carol.conversations.syncWelcomes()
    expect(result.joined.map((g) => Buffer.from(g).toString("hex"))).toContain(group.id)
    expect((await carol.conversations.syncWelcomes()).joined).toEqual([])
    const joined = await conversationOf(carol, group.id)
    expect(joined.membershipState()).toBe(GroupMembershipState.Pending)
    expect(joined.addedByInboxId).toBe(alice.inboxId)
    expect(joined.createdAtNs >= before).toBe(true)
    expect(joined.consentState()).toBe(ConsentState.Unknown)
    const db = ClientDatabase.open(profiles.carol.dbPath, profiles.carol.dbEncryptionKey)
    const welcomeId = db.groups.find(Buffer.from(group.id, "hex"))?.welcomeSequenceId
    db.close()
    expect(welcomeId).toBeDefined()
    const messages = await joined.messages()
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ kind: GroupMessageKind.MembershipChange, senderInboxId: alice.inboxId })
    expect(await transcripts(carol, group.id)).toEqual([
      expect.objectContaining({ initiatedByInboxId: alice.inboxId, addedInboxes: [{ inboxId: carol.inboxId }], removedInboxes: [] }),
    ])
  })

  it("SYNC-05: a group created by another installation of the same inbox is consented to on joining", async () => {
    const aliceSecond = await h.open({ ...h.profile("alice-2"), signer: profiles.alice.signer })
    const group = await alice.conversations.createGroup([bob.inboxId])
    await aliceSecond.conversations.sync()
    expect((await conversationOf(aliceSecond, group.id)).consentState()).toBe(ConsentState.Allowed)
    await h.closeClient(aliceSecond)
  })
})
