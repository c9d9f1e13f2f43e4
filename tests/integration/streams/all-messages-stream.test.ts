// conversations.streamAllMessages() among Parley clients on a real node: it syncs welcomes before
// following, follows every existing conversation (a DM's duplicate included) and each new one,
// respects the conversation-type filter, and carries on through a restart of the node without
// losing or repeating a message (STREAM-02).
import { describe, expect, it } from "vitest"
import { ConversationType, GroupMessageKind, type Client, type DecodedMessage } from "../../../src/engine/index"
import type { MessageStream } from "../../../src/engine/conversationsStream"
import { type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { endedAfterAll, take } from "../engine/support/waitFor"

const appTexts = (messages: readonly DecodedMessage[]) => messages.filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

/** The next `count` application messages of the stream (transcripts of joins are skipped). */
async function nextTexts(stream: MessageStream, count: number, what: string): Promise<unknown[]> {
  const texts: unknown[] = []
  while (texts.length < count) texts.push(...appTexts(await take(stream, 1, what)))
  return texts
}

describe("all-messages stream", () => {
  let h: EngineHarness
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("stream-all", ["alice", "bob", "carol"], (s) => ({ h, clients: { alice, bob, carol } } = s))
  const ended = endedAfterAll<MessageStream>()

  async function streamOf(client: Client, options: Parameters<Client["conversations"]["streamAllMessages"]>[0] = {}): Promise<MessageStream> {
    return ended(await client.conversations.streamAllMessages(options))
  }

  it("STREAM-02: syncs welcomes first, follows existing conversations and a DM's duplicate, and the conversations that arrive", async () => {
    // Bob has not synced: the stream's own welcome sync joins these before it follows them.
    const group = await alice.conversations.createGroup([bob.inboxId], { groupName: "existing" })
    const aliceDm = await alice.conversations.createDm(bob.inboxId)
    const bobDm = await bob.conversations.createDm(alice.inboxId)
    expect(bobDm.id).not.toBe(aliceDm.id)
    const stream = await streamOf(bob)

    await group.sendText("in the group")
    await aliceDm.sendText("in alice's copy of the DM")
    expect(await nextTexts(stream, 2, "the group's and the duplicate DM's messages")).toEqual(["in the group", "in alice's copy of the DM"])

    const fresh = await carol.conversations.createGroup([bob.inboxId], { groupName: "arrives while streaming" })
    await fresh.sendText("in the new group")
    expect(await nextTexts(stream, 1, "the new group's message")).toEqual(["in the new group"])
  })

  it("STREAM-02: a conversation this client creates while streaming is followed from its first message, the stream not reopened", async () => {
    let restarts = 0
    const stream = await streamOf(bob, { onRestart: () => restarts++ })
    const created = await bob.conversations.createGroup([carol.inboxId], { groupName: "made while streaming" })
    await carol.conversations.sync()
    const carolsCopy = await carol.conversations.getConversationById(created.id)
    await carolsCopy!.sendText("to the group bob just made")
    expect(await nextTexts(stream, 1, "the created group's first message")).toEqual(["to the group bob just made"])
    expect(restarts).toBe(0)
  })

  it("STREAM-02: the conversation-type filter holds for existing and new conversations", async () => {
    const dmsOnly = await streamOf(bob, { conversationType: ConversationType.Dm })
    const groupsOnly = await streamOf(bob, { conversationType: ConversationType.Group })
    const group = (await alice.conversations.list({ conversationType: ConversationType.Group }))[0]!
    await group.sendText("group only")
    const carolDm = await carol.conversations.createDm(bob.inboxId)
    await carolDm.sendText("dm only")
    const newGroup = await carol.conversations.createGroup([bob.inboxId])
    await newGroup.sendText("new group only")
    expect(await nextTexts(dmsOnly, 1, "the DM's message")).toEqual(["dm only"])
    expect(await nextTexts(groupsOnly, 2, "the groups' messages")).toEqual(["group only", "new group only"])
    // A DM message after them proves the DM stream skipped both group messages.
    await carolDm.sendText("dm again")
    expect(await nextTexts(dmsOnly, 1, "the next DM message")).toEqual(["dm again"])
  })

  it("STREAM-02: carries on through a node restart: what was sent meanwhile, then new messages and new conversations, each once", async () => {
    let restarts = 0
    const told: unknown[] = []
    const stream = await streamOf(bob, { onRestart: () => restarts++, onValue: (message) => told.push(message.content) })
    const group = (await alice.conversations.list({ conversationType: ConversationType.Group }))[0]!
    await group.sendText("before the restart")
    expect(await nextTexts(stream, 1, "the message before the restart")).toEqual(["before the restart"])

    await h.stopNode()
    await h.startNode()
    await group.sendText("after the restart")
    const joined = await carol.conversations.createGroup([bob.inboxId], { groupName: "after the restart" })
    await joined.sendText("in a group made after the restart")
    expect(await nextTexts(stream, 2, "the messages after the restart")).toEqual(["after the restart", "in a group made after the restart"])
    expect(restarts).toBeGreaterThan(0)

    await group.sendText("still streaming")
    expect(await nextTexts(stream, 1, "a later message")).toEqual(["still streaming"])
    expect(told.filter((content) => typeof content === "string")).toEqual(["before the restart", "after the restart", "in a group made after the restart", "still streaming"])
  })
})
