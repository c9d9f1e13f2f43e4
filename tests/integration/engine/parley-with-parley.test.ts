// Three Parley clients, each with its own encrypted database file, through a real node on
// loopback: a group with messages, an add and a removal (the removed member goes inactive and can
// no longer decrypt), every client closed and reopened from disk in the middle, a DM, and a stream
// receiving messages live.
import { decode, mlsMessageDecoder, processMessage, type MlsPrivateMessage } from "ts-mls"
import { describe, expect, it } from "vitest"
import { createApiClient } from "../../../src/engine/api/index"
import {
  ConsentState,
  DeliveryStatus,
  GroupError,
  GroupMessageKind,
  PermissionLevel,
  type Client,
  type DecodedMessage,
  type Dm,
} from "../../../src/engine/index"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { xmtpMlsContext } from "../../../src/engine/groups/mlsContext"
import type { GroupUpdated } from "../../../src/engine/content/index"
import { type ClientProfile, type EngineHarness, useEngineClients } from "./support/engineHarness"
import { storedGroupState } from "./support/mlsStateOnDisk"
import { take } from "./support/waitFor"
import { conversationOf as groupOf } from "../groups/support/groupScenario"

const texts = (messages: DecodedMessage[]) =>
  messages.filter((m) => m.kind === GroupMessageKind.Application).map((m) => ({ from: m.senderInboxId, text: m.content }))
const transcripts = (messages: DecodedMessage[]) =>
  messages.filter((m) => m.kind === GroupMessageKind.MembershipChange).map((m) => m.content as GroupUpdated)

describe("Parley with Parley through a real node", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob" | "carol", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let groupId: string

  useEngineClients("p2p", ["alice", "bob", "carol"], (s) => ({ h, profiles, clients: { alice, bob, carol } } = s))

  it("creates a group and exchanges messages with the exact text and the right sender", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId], { groupName: "Parley trio" })
    groupId = group.id
    expect(group.name).toBe("Parley trio")
    expect(group.isActive).toBe(true)
    expect(group.listSuperAdmins()).toEqual([alice.inboxId])
    const sentId = await group.sendText("hello from alice ✓")

    await bob.conversations.sync()
    const bobGroup = await groupOf(bob, groupId)
    expect(bobGroup.name).toBe("Parley trio")
    expect(bobGroup.addedByInboxId).toBe(alice.inboxId)
    await bobGroup.sync()
    const bobMessages = await bobGroup.messages()
    expect(texts(bobMessages)).toEqual([{ from: alice.inboxId, text: "hello from alice ✓" }])
    expect(bobMessages.find((m) => m.kind === GroupMessageKind.Application)!.id).toBe(sentId)
    // Bob's "added you" transcript names Alice as the one who added him.
    expect(transcripts(bobMessages)).toEqual([expect.objectContaining({ initiatedByInboxId: alice.inboxId, addedInboxes: [{ inboxId: bob.inboxId }] })])

    await bobGroup.sendText("hi alice")
    await group.sync()
    const aliceMessages = await group.messages()
    expect(texts(aliceMessages)).toEqual([
      { from: alice.inboxId, text: "hello from alice ✓" },
      { from: bob.inboxId, text: "hi alice" },
    ])
    expect(aliceMessages.every((m) => m.deliveryStatus === DeliveryStatus.Published)).toBe(true)
    expect(transcripts(aliceMessages)).toContainEqual(expect.objectContaining({ initiatedByInboxId: alice.inboxId, addedInboxes: [{ inboxId: bob.inboxId }] }))
  })

  it("adds a member who joins from its welcome and talks with the others", async () => {
    const group = await groupOf(alice, groupId)
    await group.addMembers([carol.inboxId])

    await carol.conversations.sync()
    const carolGroup = await groupOf(carol, groupId)
    await carolGroup.sync()
    // History from before the join is not replayed (SYNC-06).
    expect(texts(await carolGroup.messages())).toEqual([])
    await carolGroup.sendText("carol here")

    const bobGroup = await groupOf(bob, groupId)
    await bobGroup.sync()
    expect(texts(await bobGroup.messages()).at(-1)).toEqual({ from: carol.inboxId, text: "carol here" })
    expect(transcripts(await bobGroup.messages())).toContainEqual(
      expect.objectContaining({ initiatedByInboxId: alice.inboxId, addedInboxes: [{ inboxId: carol.inboxId }] }),
    )
    await group.sync()
    const members = await group.members()
    expect(members.map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId, carol.inboxId].sort())
    expect(members.find((m) => m.inboxId === alice.inboxId)!.permissionLevel).toBe(PermissionLevel.SuperAdmin)
    expect(members.find((m) => m.inboxId === carol.inboxId)!.installationIds).toEqual([carol.installationId])
  })

  it("closes every client and reopens it from disk, and the conversation carries on", async () => {
    const before = { alice: alice.installationId, bob: bob.installationId, carol: carol.installationId }
    alice = await h.reopen(alice, profiles.alice)
    bob = await h.reopen(bob, profiles.bob)
    carol = await h.reopen(carol, profiles.carol)
    expect({ alice: alice.installationId, bob: bob.installationId, carol: carol.installationId }).toEqual(before)

    const carolGroup = await groupOf(carol, groupId)
    expect(texts(await carolGroup.messages())).toEqual([{ from: carol.inboxId, text: "carol here" }])
    const bobGroup = await groupOf(bob, groupId)
    await bobGroup.sendText("after the restart")
    await carolGroup.sync()
    expect(texts(await carolGroup.messages()).at(-1)).toEqual({ from: bob.inboxId, text: "after the restart" })
    const aliceGroup = await groupOf(alice, groupId)
    await aliceGroup.sync()
    expect(texts(await aliceGroup.messages()).map((m) => m.text)).toEqual(["hello from alice ✓", "hi alice", "carol here", "after the restart"])
  })

  it("removes a member: its group goes inactive and it cannot decrypt anything sent afterwards", async () => {
    const aliceGroup = await groupOf(alice, groupId)
    await aliceGroup.removeMembers([carol.inboxId])
    await aliceGroup.sendText("carol cannot read this")
    expect((await aliceGroup.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId].sort())

    const bobGroup = await groupOf(bob, groupId)
    await bobGroup.sync()
    expect(texts(await bobGroup.messages()).at(-1)).toEqual({ from: alice.inboxId, text: "carol cannot read this" })
    expect(transcripts(await bobGroup.messages()).at(-1)).toEqual(
      expect.objectContaining({ initiatedByInboxId: alice.inboxId, removedInboxes: [{ inboxId: carol.inboxId }] }),
    )

    const carolGroup = await groupOf(carol, groupId)
    const carolBefore = texts(await carolGroup.messages())
    await carolGroup.sync() // processes the commit that removes her
    expect(carolGroup.isActive).toBe(false)
    expect(transcripts(await carolGroup.messages()).at(-1)).toEqual(expect.objectContaining({ removedInboxes: [{ inboxId: carol.inboxId }] }))
    await expect(carolGroup.sync()).rejects.toMatchObject({ name: "GroupError", code: "GroupInactive" })
    await expect(carolGroup.sendText("let me back in")).rejects.toBeInstanceOf(GroupError)
    expect(texts(await carolGroup.messages())).toEqual(carolBefore)

    // Her stored MLS state opens none of the envelopes of the epochs after her removal.
    await h.closeClient(carol)
    const state = storedGroupState(profiles.carol, groupId)
    const api = createApiClient({ apiUrl: h.address })
    try {
      const envelopes = await api.mls.queryAllGroupMessages(Buffer.from(groupId, "hex"))
      const later = envelopes.filter((e) => parseGroupMessageHeader(e.data).epoch > state.groupContext.epoch)
      expect(later.length).toBeGreaterThan(0)
      const context = await xmtpMlsContext()
      for (const envelope of later) {
        const message = decode(mlsMessageDecoder, envelope.data) as MlsPrivateMessage
        await expect(processMessage({ context, state, message })).rejects.toThrow()
      }
    } finally {
      api.close()
    }
    carol = await h.open(profiles.carol)
    expect((await groupOf(carol, groupId)).isActive).toBe(false)
  })

  it("finds or creates a DM between two clients", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    expect(dm.peerInboxId).toBe(bob.inboxId)
    await dm.sendText("psst, bob")
    expect((await alice.conversations.createDm(bob.inboxId)).id).toBe(dm.id)

    await bob.conversations.sync()
    const bobDm = bob.conversations.getDmByInboxId(alice.inboxId) as Dm
    expect(bobDm.id).toBe(dm.id)
    expect(bobDm.peerInboxId).toBe(alice.inboxId)
    expect((await bob.conversations.createDm(alice.inboxId)).id).toBe(dm.id)
    await bobDm.sync()
    expect(texts(await bobDm.messages())).toEqual([{ from: alice.inboxId, text: "psst, bob" }])
    expect(alice.conversations.getDmByInboxId(bob.inboxId)!.consentState()).toBe(ConsentState.Allowed)
    expect(await bob.conversations.list()).toHaveLength(2)
  })

  it("streams messages of every conversation live, including a group joined while streaming", async () => {
    const stream = await bob.conversations.streamAllMessages()
    try {
      await (await groupOf(alice, groupId)).sendText("live in the group")
      const [inGroup] = await take(stream, 1, "the group message")
      expect(inGroup).toMatchObject({ conversationId: groupId, senderInboxId: alice.inboxId, content: "live in the group" })

      await alice.conversations.getDmByInboxId(bob.inboxId)!.sendText("live in the DM")
      const [inDm] = await take(stream, 1, "the DM message")
      expect(inDm).toMatchObject({ senderInboxId: alice.inboxId, content: "live in the DM" })

      const fresh = await alice.conversations.createGroup([bob.inboxId], { groupName: "joined while streaming" })
      await fresh.sendText("welcome aboard")
      const received = await take(stream, 1, "the new group's message")
      expect(received.find((m) => m.kind === GroupMessageKind.Application)).toMatchObject({
        conversationId: fresh.id,
        senderInboxId: alice.inboxId,
        content: "welcome aboard",
      })
    } finally {
      await stream.end()
    }
  })
})
