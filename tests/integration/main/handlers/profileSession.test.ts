// The engine service behind the contract, as Electron main and the web host both run it: two
// profiles on a real node, each a ProfileSession with its validated handler registry, keys in a
// file-backed key source. Requests go through IpcHandlerRegistry.dispatch (the contract's
// validation both ways); events are collected from the session's hub.
import { beforeAll, describe, expect, it } from "vitest"
import type { ReadyAccount } from "../../../../src/shared/contract"
import { useSessionNode } from "./support/sessionNode"
import { ready, type SessionProfile } from "./support/sessionProfiles"

// Hardhat's first test account: a well-known key that no real person uses.
const KNOWN_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
const KNOWN_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"

describe("ProfileSession: the engine behind the contract", () => {
  const world = useSessionNode("parley-session-")
  let alice: SessionProfile
  let bob: SessionProfile
  let aliceAccount: ReadyAccount
  let bobAccount: ReadyAccount
  let groupId: string

  beforeAll(async () => {
    ;[alice, bob] = await world.open("alice", "bob")
  })

  it("refuses engine requests before onboarding with AccountError NoAccount", async () => {
    expect(await alice.call("account:get")).toEqual({ state: "none" })
    await expect(alice.call("conversations:list", {})).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })
  })

  it("creates one account and imports another, and refuses a second onboarding", async () => {
    aliceAccount = ready(await alice.call("account:create"))
    bobAccount = ready(await bob.call("account:import", KNOWN_KEY))
    expect(bobAccount.address).toBe(KNOWN_ADDRESS)
    expect(aliceAccount.inboxId).not.toBe(bobAccount.inboxId)
    await expect(alice.call("account:create")).rejects.toMatchObject({ code: "AlreadyExists" })
    await expect(bob.call("account:import", "0x12")).rejects.toMatchObject({ name: "AccountError", code: "AlreadyExists" })
    expect(await alice.call("inboxes:lookup", KNOWN_ADDRESS.toUpperCase().replace("0X", "0x"))).toBe(bobAccount.inboxId)
    expect(await alice.call("inboxes:lookup", `0x${"00".repeat(20)}`)).toBeNull()
  })

  it("creates a group whose summary and members read as the contract says", async () => {
    const summary = await alice.call("conversations:createGroup", { memberInboxIds: [bobAccount.inboxId], name: "Trip", description: "Saturday" })
    groupId = summary.id
    expect(summary).toMatchObject({ kind: "group", name: "Trip", description: "Saturday", consentState: "allowed", isActive: true, memberCount: 2, isSuperAdmin: true, unreadCount: 0 })
    const members = await alice.call("members:list", groupId)
    expect(members.map((member) => [member.inboxId, member.role]).sort()).toEqual(
      [
        [aliceAccount.inboxId, "superAdmin"],
        [bobAccount.inboxId, "member"],
      ].sort(),
    )
    expect(members.find((member) => member.inboxId === bobAccount.inboxId)?.accountIdentifiers).toEqual([{ kind: "ethereum", identifier: KNOWN_ADDRESS }])
    expect(await alice.call("conversations:list", { kind: "dm" })).toEqual([])
  })

  it("delivers a sent message to the other profile live, as a request with an unread count", async () => {
    const bobSeesGroup = bob.next("conversations:upserted", (summary) => summary.id === groupId, "Bob's new group")
    const sent = await alice.call("messages:sendText", groupId, "Hello Bob")
    expect(sent).toMatchObject({ conversationId: groupId, senderInboxId: aliceAccount.inboxId, content: { type: "text", text: "Hello Bob" }, kind: "application" })

    const arrived = await bob.next("messages:upserted", (message) => message.id === sent.id, "Bob receiving the message")
    expect(arrived.content).toEqual({ type: "text", text: "Hello Bob" })
    expect((await bobSeesGroup).consentState).toBe("unknown")
    const withUnread = await bob.next("conversations:upserted", (summary) => summary.id === groupId && summary.unreadCount === 1, "the unread count")
    expect(withUnread.lastMessage?.id).toBe(sent.id)

    await bob.call("conversations:markRead", groupId)
    expect((await bob.call("conversations:get", groupId)).unreadCount).toBe(0)
    expect((await bob.call("conversations:setConsent", groupId, "allowed")).consentState).toBe("allowed")
  })

  it("lists messages oldest first, with the group-updated transcript in plain fields", async () => {
    const reply = await bob.call("messages:sendText", groupId, "Hi Alice")
    await alice.next("messages:upserted", (message) => message.id === reply.id, "Alice receiving Bob's reply")
    const messages = await alice.call("messages:list", groupId, { limit: 50 })
    const texts = messages.flatMap((message) => (message.content.type === "text" ? [message.content.text] : []))
    expect(texts).toEqual(["Hello Bob", "Hi Alice"])
    const added = messages.find((message) => message.content.type === "groupUpdated")
    expect(added?.content).toMatchObject({ type: "groupUpdated", groupUpdated: { initiatedByInboxId: aliceAccount.inboxId, addedInboxIds: [bobAccount.inboxId] } })
    const sentAt = messages.map((message) => BigInt(message.sentAtNs))
    expect(sentAt).toEqual([...sentAt].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it("replies, reacts, sends an attachment and deletes, and the other side sees each change", async () => {
    const [original] = (await alice.call("messages:list", groupId, { limit: 50 })).filter((message) => message.content.type === "text" && message.content.text === "Hi Alice")
    if (!original) throw new Error("Bob's message is missing")
    const reply = await alice.call("messages:sendReply", groupId, original.id, "Glad you're in")
    expect(reply.content).toMatchObject({ type: "reply", referenceId: original.id, content: { type: "text", text: "Glad you're in" }, inReplyTo: { id: original.id, content: { type: "text", text: "Hi Alice" } } })
    await bob.next("messages:upserted", (message) => message.id === reply.id && message.content.type === "reply", "Bob receiving the reply")
    await bob.next("messages:upserted", (message) => message.id === original.id && message.numReplies === 1, "Bob's message counting the reply")

    const reacted = await bob.call("messages:react", groupId, reply.id, { content: "👍", action: "added" })
    expect(reacted.reactions.map((reaction) => [reaction.senderInboxId, reaction.reaction.content, reaction.reaction.action])).toEqual([[bobAccount.inboxId, "👍", "added"]])
    const seen = await alice.next("messages:upserted", (message) => message.id === reply.id && message.reactions.length === 1, "Alice seeing the reaction")
    expect(seen.reactions[0]?.reaction.content).toBe("👍")
    expect(alice.events.some((event) => event.name === "messages:upserted" && (event.payload as { content: { type: string } }).content.type === "reaction")).toBe(false)

    const file = await alice.call("messages:sendAttachment", groupId, { filename: "plan.txt", mimeType: "text/plain", data: new TextEncoder().encode("9:00 train") })
    const received = await bob.next("messages:upserted", (message) => message.id === file.id, "Bob receiving the attachment")
    expect(received.content).toEqual({ type: "attachment", attachment: { filename: "plan.txt", mimeType: "text/plain", data: new TextEncoder().encode("9:00 train") } })

    expect(await alice.call("messages:delete", groupId, file.id)).toBeNull()
    expect(alice.events.some((event) => event.name === "messages:upserted" && (event.payload as { id: string; content: { type: string } }).id === file.id && (event.payload as { content: { type: string } }).content.type === "deleted")).toBe(true)
    const gone = await bob.next("messages:upserted", (message) => message.id === file.id && message.content.type === "deleted", "Bob seeing the deletion")
    expect(gone.content).toEqual({ type: "deleted", deleted: { deletedBy: "sender" } })
    await expect(bob.call("messages:delete", groupId, reply.id)).rejects.toMatchObject({ code: "NotAuthorized" })
  })

  it("renames the group, and the other profile's summary follows", async () => {
    const renamed = await alice.call("groups:updateMetadata", groupId, { name: "Weekend trip", description: "Sat and Sun" })
    expect(renamed).toMatchObject({ name: "Weekend trip", description: "Sat and Sun" })
    await bob.next("conversations:upserted", (summary) => summary.id === groupId && summary.kind === "group" && summary.name === "Weekend trip", "Bob seeing the new name")
    const update = await bob.next(
      "messages:upserted",
      (message) => message.content.type === "groupUpdated" && message.content.groupUpdated.metadataFieldChanges.some((change) => change.newValue === "Weekend trip"),
      "the rename transcript",
    )
    expect(update.senderInboxId).toBe(aliceAccount.inboxId)
  })

  it("reads and changes permissions and roles, refusing what a member may not do", async () => {
    const permissions = await alice.call("groups:getPermissions", groupId)
    expect(permissions).toMatchObject({ policyType: "default", policySet: { addMemberPolicy: "allow", removeMemberPolicy: "admin", addAdminPolicy: "superAdmin" } })
    const changed = await alice.call("groups:updatePermission", groupId, { type: "updateMetadata", metadataField: "groupName", policy: "admin" })
    expect(changed.policySet.updateGroupNamePolicy).toBe("admin")
    expect(changed.policyType).toBe("customPolicy")
    await expect(bob.call("groups:updateMetadata", groupId, { name: "Bob's trip" })).rejects.toMatchObject({ name: "GroupError", code: "PermissionDenied" })

    expect(await alice.call("members:setRole", groupId, bobAccount.inboxId, "admin")).toMatchObject({ inboxId: bobAccount.inboxId, role: "admin" })
    await bob.next("conversations:upserted", (summary) => summary.id === groupId && summary.kind === "group" && summary.isAdmin, "Bob becoming admin")
    expect(await alice.call("members:setRole", groupId, bobAccount.inboxId, "superAdmin")).toMatchObject({ role: "superAdmin" })
    expect(await alice.call("members:setRole", groupId, bobAccount.inboxId, "member")).toMatchObject({ role: "member" })
    expect((await alice.call("members:list", groupId)).find((member) => member.inboxId === bobAccount.inboxId)?.role).toBe("member")
  })

  it("removes a member and pushes the change to the removed side", async () => {
    const carol = await world.profiles.open("carol")
    const carolAccount = ready(await carol.call("account:create"))
    const members = await alice.call("members:add", groupId, [carolAccount.inboxId])
    expect(members.map((member) => member.inboxId)).toContain(carolAccount.inboxId)
    await carol.next("conversations:upserted", (summary) => summary.id === groupId, "Carol's group")
    const after = await alice.call("members:remove", groupId, [carolAccount.inboxId])
    expect(after.map((member) => member.inboxId)).not.toContain(carolAccount.inboxId)
    await carol.next("conversations:upserted", (summary) => summary.id === groupId && !summary.isActive, "Carol seeing she was removed")
  })

  it("starts a DM by address and answers unknown conversations with ConversationError NotFound", async () => {
    const dm = await alice.call("conversations:createDm", { kind: "address", address: KNOWN_ADDRESS })
    expect(dm).toMatchObject({ kind: "dm", peerInboxId: bobAccount.inboxId })
    await expect(alice.call("conversations:createDm", { kind: "address", address: `0x${"11".repeat(20)}` })).rejects.toMatchObject({ name: "ConversationError", code: "NoInbox" })
    await expect(alice.call("conversations:get", "ab".repeat(16))).rejects.toMatchObject({ name: "ConversationError", code: "NotFound" })
    await expect(alice.call("members:add", dm.id, [bobAccount.inboxId])).rejects.toMatchObject({ code: "NotAGroup" })
  })

  it("opens an onboarded profile again from its database and key", async () => {
    await bob.session.close()
    const reopened = await world.profiles.open("bob")
    expect(reopened.session.account.account()).toEqual(bobAccount)
  })
})
