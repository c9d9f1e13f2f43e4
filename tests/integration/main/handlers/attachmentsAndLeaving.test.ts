// The requests behind the conversation view's remote attachments and the group settings' leaving,
// through ProfileSession on a real node: a remote attachment uploaded to the node's blob store is
// downloaded, verified and decrypted for the receiver (attachments:load); a member asks to leave
// (groups:leave), the admin's side sees the request, and removing them ends their membership.
import { beforeAll, describe, expect, it } from "vitest"
import { HttpAttachmentStore, prepareAttachment } from "../../../../src/engine/content/index"
import { createGroupWith, type ReadyProfile, useSessionNode } from "./support/sessionNode"

describe("attachments:load and groups:leave through the validated registry", () => {
  const world = useSessionNode("parley-attachments-")
  let alice: ReadyProfile
  let bob: ReadyProfile
  let groupId: string

  beforeAll(async () => {
    ;[alice, bob] = await world.openReady("alice", "bob")
    groupId = await createGroupWith(alice, bob, "Files")
  })

  it("downloads, verifies and decrypts a remote attachment for the receiver", async () => {
    const blobStore = world.node.blobStore
    if (!blobStore) throw new Error("the node runs without its blob store")
    // Bigger than an inline attachment may be, so prepareAttachment encrypts and uploads it.
    const content = Uint8Array.from({ length: 1_200_000 }, (_, i) => (i * 7) % 251)
    const prepared = await prepareAttachment({ filename: "survey.png", mimeType: "image/png", content }, new HttpAttachmentStore({ baseUrl: blobStore.url, uploadToken: blobStore.uploadToken }))
    if (prepared.kind !== "remote") throw new Error("the attachment was not sent as a remote one")
    const group = await alice.session.engine().conversation(groupId)
    const messageId = await group.sendRemoteAttachment(prepared.remoteAttachment)

    const arrived = await bob.next("messages:upserted", (message) => message.id === messageId, "Bob receiving the remote attachment")
    expect(arrived.content).toMatchObject({ type: "remoteAttachment", attachment: { filename: "survey.png", url: prepared.remoteAttachment.url } })
    // The key material never reaches the renderer.
    expect(JSON.stringify(arrived.content)).not.toMatch(/secret|salt|nonce/)

    const loaded = await bob.call("attachments:load", messageId, 0)
    expect(loaded.filename).toBe("survey.png")
    expect(loaded.mimeType).toBe("image/png")
    expect(Buffer.from(loaded.data).equals(Buffer.from(content))).toBe(true)

    await expect(bob.call("attachments:load", messageId, 1)).rejects.toMatchObject({ name: "AttachmentError", code: "NotAnAttachment" })
    const text = await alice.call("messages:sendText", groupId, "That was the survey")
    await bob.next("messages:upserted", (message) => message.id === text.id, "Bob receiving the text")
    await expect(bob.call("attachments:load", text.id, 0)).rejects.toMatchObject({ name: "AttachmentError", code: "NotAnAttachment" })
  })

  it("asks to leave: the member is pending removal, the admin sees the request, and removal ends it", async () => {
    await expect(alice.call("groups:leave", groupId)).rejects.toMatchObject({ name: "GroupError", code: "SuperAdminLeaveForbidden" })
    expect(await bob.call("conversations:setConsent", groupId, "allowed")).toMatchObject({ consentState: "allowed" })

    expect(await bob.call("groups:leave", groupId)).toBeNull()
    expect(await bob.call("conversations:get", groupId)).toMatchObject({ isActive: true, membershipState: "pendingRemove" })
    const request = await alice.next("messages:upserted", (message) => message.content.type === "leaveRequest", "Alice receiving the leave request")
    expect(request.senderInboxId).toBe(bob.account.inboxId)

    await alice.call("members:remove", groupId, [bob.account.inboxId])
    const left = await alice.next(
      "messages:upserted",
      (message) => message.content.type === "groupUpdated" && message.content.groupUpdated.leftInboxIds.includes(bob.account.inboxId),
      "Alice's transcript saying Bob left",
    )
    expect(left.content).toMatchObject({ groupUpdated: { removedInboxIds: [] } })
    await bob.next("conversations:upserted", (summary) => summary.id === groupId && !summary.isActive, "Bob seeing he is out")
  })
})
