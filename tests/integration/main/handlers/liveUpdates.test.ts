// LiveUpdates through ProfileSession on a real node, driven by the engine's streams alone (nothing
// is polled): a conversation joined from a welcome and one created here appear and are followed; a
// message deleted for everyone is pushed as deleted; a disappearing message that expires is pushed
// as `messages:removed` and the conversation's summary no longer shows it.
import { beforeAll, describe, expect, it } from "vitest"
import { type ReadyProfile, useSessionNode } from "./support/sessionNode"

/** Long enough for the message to reach Alice first, short enough for a test. */
const LIFETIME_NS = 3_000_000_000n

describe("live updates from the engine's streams", () => {
  const world = useSessionNode("parley-live-")
  let alice: ReadyProfile
  let bob: ReadyProfile

  beforeAll(async () => {
    ;[alice, bob] = await world.openReady("alice", "bob")
  })

  it("announces a conversation joined from a welcome, and follows one created here", async () => {
    const joined = (await bob.call("conversations:createGroup", { memberInboxIds: [alice.account.inboxId], name: "From Bob" })).id
    expect((await alice.next("conversations:upserted", (summary) => summary.id === joined, "Alice hearing of Bob's group")).kind).toBe("group")

    const created = (await alice.call("conversations:createGroup", { memberInboxIds: [bob.account.inboxId], name: "From Alice" })).id
    await bob.next("conversations:upserted", (summary) => summary.id === created, "Bob hearing of Alice's group")
    const sent = await bob.call("messages:sendText", created, "In the group Alice made")
    await alice.next("messages:upserted", (message) => message.id === sent.id, "Alice receiving a message in the group she made")
    const summary = await alice.next("conversations:upserted", (s) => s.id === created && s.lastMessage?.id === sent.id, "Alice's summary of it")
    expect(summary.unreadCount).toBe(1)
  })

  it("pushes a message deleted for everyone as deleted, and an expired one as removed", async () => {
    const groupId = (await bob.call("conversations:createGroup", { memberInboxIds: [alice.account.inboxId], name: "Ephemeral" })).id
    await alice.next("conversations:upserted", (summary) => summary.id === groupId, "Alice joining")

    const deleted = await bob.call("messages:sendText", groupId, "Regretted")
    await alice.next("messages:upserted", (message) => message.id === deleted.id, "Alice receiving the message")
    await bob.call("messages:delete", groupId, deleted.id)
    const gone = await alice.next("messages:upserted", (message) => message.id === deleted.id && message.content.type === "deleted", "Alice seeing the deletion")
    expect(gone.content).toEqual({ type: "deleted", deleted: { deletedBy: "sender" } })

    const bobsGroup = await bob.session.engine().conversation(groupId)
    await bobsGroup.updateMessageDisappearingSettings(BigInt(Date.now()) * 1_000_000n, LIFETIME_NS)
    const ephemeral = await bob.call("messages:sendText", groupId, "Gone soon")
    const arrived = await alice.next("messages:upserted", (message) => message.id === ephemeral.id, "Alice receiving the disappearing message")
    expect(arrived.expiresAtNs).not.toBeNull()
    expect(await alice.next("messages:removed", (removed) => removed.messageId === ephemeral.id, "the expiry pushed to Alice")).toEqual({ conversationId: groupId, messageId: ephemeral.id })
    const after = alice.events.findIndex((event) => event.name === "messages:removed")
    const summary = await alice.next(
      "conversations:upserted",
      (s) => s.id === groupId && alice.events.findIndex((event) => event.payload === s) > after,
      "Alice's summary after the expiry",
    )
    expect(summary.lastMessage?.id).not.toBe(ephemeral.id)
    expect((await alice.call("messages:list", groupId, { limit: 50 })).map((message) => message.id)).not.toContain(ephemeral.id)
  })
})
