// Deletion as the official SDK (@xmtp/node-sdk 6.0.0) sees it, in one group on Parley's node: SDK
// sam creates it (super admin), with Parley ada (an admin, not super), Parley pat and SDK sid. The
// SDK has no "delete for everyone" call, so its members send DeleteMessages with send(); Parley's
// members use deleteMessage() or, like the SDK, send(). Every member's enriched view of each message
// and the deletion events each client streams are compared across the two implementations.
import type { DecodedMessage as SdkDecodedMessage, Group as SdkGroup } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { deleteMessageCodec, textCodec } from "../../../src/engine/content/index"
import { type Client, type DecodedMessage, type DeletionStream, type Group } from "../../../src/engine/index"
import { toSdkEncoded, toSdkReaction } from "../content/support/sdkShapes"
import { viewParley, viewSdk, type ViewedMessage } from "../../interop/enrichment/support/enrichedView"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { StreamCollector } from "../../interop/support/messageCollector"
import type { LabelledClient } from "../../interop/support/sdkClient"

type ParleyName = "ada" | "pat"
type SdkName = "sam" | "sid"
type Name = ParleyName | SdkName
const PARLEY: readonly ParleyName[] = ["ada", "pat"]
const SDK: readonly SdkName[] = ["sam", "sid"]
const DELETED = "xmtp.org/deletedMessage:1.0"

const rawDelete = (messageId: string) => deleteMessageCodec.encode({ messageId })

describe("deletion between Parley and the official SDK", () => {
  let h: InteropHarness
  const parley = {} as Record<ParleyName, Client>
  const sdk = {} as Record<SdkName, LabelledClient>
  const parleyGroup = {} as Record<ParleyName, Group>
  const sdkGroup = {} as Record<SdkName, SdkGroup>
  const parleyEvents = {} as Record<ParleyName, DeletionStream<DecodedMessage>>
  const parleyEventLog = {} as Record<ParleyName, DecodedMessage[]>
  const sdkEvents = {} as Record<SdkName, StreamCollector<SdkDecodedMessage>>
  const ids = {} as Record<"s1" | "s2" | "p1" | "p2" | "p3", string>
  const inbox = (name: Name) => (name === "ada" || name === "pat" ? parley[name].inboxId : sdk[name].client.inboxId)

  const syncAll = async () => {
    for (const name of PARLEY) await parleyGroup[name].sync()
    for (const name of SDK) await sdkGroup[name].sync()
  }
  const view = async (name: Name, id: string): Promise<ViewedMessage | undefined> =>
    name === "ada" || name === "pat"
      ? (await parleyGroup[name].messages()).map(viewParley).find((m) => m.id === id)
      : (await sdkGroup[name].messages()).map(viewSdk).find((m) => m.id === id)

  beforeAll(async () => {
    h = await InteropHarness.create("deletion-sdk")
    const node = await h.startNode()
    for (const name of PARLEY) {
      parley[name] = await h.createParleyClient(node, name)
    }
    for (const name of SDK) sdk[name] = await h.createClient(node, { label: name })
    const created = await sdk.sam.client.conversations.createGroup([inbox("ada"), inbox("pat"), inbox("sid")])
    await created.addAdmin(inbox("ada"))
    sdkGroup.sam = created
    sdkGroup.sid = (await conversationSeenBy(sdk.sid, created.id)) as SdkGroup
    for (const name of PARLEY) {
      parleyGroup[name] = await pollUntil(`${name} to join from the welcome`, async () => {
        await parley[name].conversations.sync()
        return (await parley[name].conversations.getConversationById(created.id)) as Group | undefined
      })
    }
    await syncAll()
    expect(parleyGroup.ada.listAdmins()).toEqual([inbox("ada")])
    expect(parleyGroup.ada.listSuperAdmins()).toEqual([inbox("sam")])
    for (const name of PARLEY) {
      parleyEvents[name] = parley[name].conversations.streamDeletedMessages()
      parleyEventLog[name] = []
      void (async () => {
        for await (const message of parleyEvents[name]) parleyEventLog[name].push(message)
      })()
    }
    for (const name of SDK) sdkEvents[name] = h.collect(await sdk[name].client.conversations.streamDeletedMessages())
  })

  afterAll(async () => {
    for (const name of PARLEY) await parleyEvents[name]?.end()
    await h?.close()
  })

  it("DEL-02, DEL-07, DEL-08: both sides accept deletions by the sender or a super admin, ignore an admin's or a plain member's, and show the same placeholders", async () => {
    ids.s1 = await sdkGroup.sid.sendText("sid's first")
    ids.s2 = await sdkGroup.sid.sendText("sid's second, deleted by sid with send()")
    ids.p1 = await parleyGroup.pat.sendText("pat's first, deleted by sam, the super admin")
    ids.p2 = await parleyGroup.pat.sendText("pat's second, deleted by pat with deleteMessage()")
    ids.p3 = await parleyGroup.pat.sendText("pat's third, deleted by pat with send()")
    await syncAll()
    await sdkGroup.sid.sendReaction(toSdkReaction({ reference: ids.p1, referenceInboxId: inbox("pat"), action: "added", content: "👀", schema: "unicode" }))
    const reply = await parleyGroup.ada.sendReply({ reference: ids.p1, referenceInboxId: inbox("pat"), content: textCodec.encode("pat, really?") })
    await syncAll()

    // An admin who is not super may not delete sid's message; sent anyway, it is ignored, as is pat's.
    await expect(parleyGroup.ada.deleteMessage(ids.s1)).rejects.toMatchObject({ code: "NotAuthorized" })
    await parleyGroup.ada.send(rawDelete(ids.s1))
    await parleyGroup.pat.send(rawDelete(ids.s1))
    await sdkGroup.sam.send(toSdkEncoded(rawDelete(ids.p1)), { shouldPush: false })
    await parleyGroup.pat.deleteMessage(ids.p2)
    await parleyGroup.pat.publishMessages()
    await parleyGroup.pat.send(rawDelete(ids.p3))
    await sdkGroup.sid.send(toSdkEncoded(rawDelete(ids.s2)), { shouldPush: false })
    await syncAll()

    const everyone: readonly Name[] = [...PARLEY, ...SDK]
    for (const name of everyone) {
      expect(await view(name, ids.s1), name).toMatchObject({ contentType: "xmtp.org/text:1.0", content: "sid's first" })
      expect(await view(name, ids.p2), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" }, reactions: [], numReplies: 0 })
    }
    // A DeleteMessage sent with send() is applied by every receiver but not by the installation that sent it.
    for (const name of everyone.filter((n) => n !== "sam")) {
      expect(await view(name, ids.p1), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "admin", adminInboxId: inbox("sam") }, reactions: [], numReplies: 0 })
      const quoted = ((await view(name, reply))?.content as { inReplyTo: ViewedMessage }).inReplyTo
      expect(quoted, name).toMatchObject({ id: ids.p1, content: { deletedBy: "admin", adminInboxId: inbox("sam") }, reactions: [], numReplies: 0 })
    }
    expect(await view("sam", ids.p1)).toMatchObject({ contentType: "xmtp.org/text:1.0", numReplies: 1 })
    for (const name of everyone.filter((n) => n !== "pat")) expect(await view(name, ids.p3), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    expect(await view("pat", ids.p3)).toMatchObject({ contentType: "xmtp.org/text:1.0" })
    for (const name of everyone.filter((n) => n !== "sid")) expect(await view(name, ids.s2), name).toMatchObject({ contentType: DELETED, content: { deletedBy: "sender" } })
    expect(await view("sid", ids.s2)).toMatchObject({ contentType: "xmtp.org/text:1.0" })

    // Members who sent none of these deletes hold the same view on both sides.
    for (const id of [ids.s1, ids.p1, ids.p2, ids.p3, reply]) expect(await view("ada", id), id).toEqual(await view("sid", id))
  })

  it("DEL-10: each client streams the same deletions, as the original messages, on both sides", async () => {
    const expected: Record<Name, string[]> = {
      ada: [ids.p1, ids.p2, ids.p3, ids.s2],
      pat: [ids.p1, ids.p2, ids.s2],
      sam: [ids.p2, ids.p3, ids.s2],
      sid: [ids.p1, ids.p2, ids.p3],
    }
    for (const name of SDK) {
      const events = await sdkEvents[name].waitUntil(`${name}'s deletion events`, (items) => items.length >= expected[name].length)
      expect(events.map((m) => m.id), name).toEqual(expected[name])
    }
    for (const name of PARLEY) {
      await pollUntil(`${name}'s deletion events`, () => (parleyEventLog[name].length >= expected[name].length ? true : undefined))
      expect(parleyEventLog[name].map((m) => m.id), name).toEqual(expected[name])
    }
    // The original message, not enriched: its text, no reactions, no reply count.
    const onParley = viewParley(parleyEventLog.ada[0]!)
    expect(onParley).toMatchObject({ id: ids.p1, contentType: "xmtp.org/text:1.0", content: "pat's first, deleted by sam, the super admin", reactions: [], numReplies: 0 })
    expect(onParley).toEqual(viewSdk(sdkEvents.sid.items[0]!))
  })
})
