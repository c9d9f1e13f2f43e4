// Disappearing messages between Parley and an official SDK member (@xmtp/node-sdk 6.0.0) through
// Parley's node: settings either side sets are read by the other from welcomes and commits, each
// side stamps the messages it stores with its own clock plus in_ns, and expired messages leave
// both sides' lists and databases.
import type { DecodedMessage as SdkMessage, Dm as SdkDm, Group as SdkGroup, GroupUpdated as SdkGroupUpdated } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Client, type DecodedMessage, type Group } from "../../../src/engine/index"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { nowNs } from "../../../src/engine/storage/rows"
import { conversationSeenBy } from "../../interop/support/conversationWaits"
import { pollUntil } from "../../interop/support/deadline"
import { InteropHarness } from "../../interop/support/interopHarness"
import type { StreamCollector } from "../../interop/support/messageCollector"
import type { LabelledClient } from "../../interop/support/sdkClient"
import { transcripts } from "../groups/support/groupScenario"

const HOUR_NS = 3_600_000_000_000n
const SHORT_NS = 2_000_000_000n
const FROM = METADATA_FIELD.messageDisappearFromNs
const IN = METADATA_FIELD.messageDisappearInNs

describe("disappearing messages with an SDK member", () => {
  let h: InteropHarness
  let parley: Client
  let sdk: LabelledClient
  let sdkDeletions: StreamCollector<SdkMessage>
  const deletedByParley: DecodedMessage[] = []
  /** Created by Parley, and the SDK's view of it. */
  let parleyGroup: Group
  let sdkView: SdkGroup
  /** Created by the SDK, and Parley's view of it. */
  let sdkGroup: SdkGroup
  let parleyView: Group

  beforeAll(async () => {
    h = await InteropHarness.create("disappearing")
    const node = await h.startNode()
    parley = await h.createParleyClient(node, "parley")
    const parleyDeletions = parley.conversations.streamDeletedMessages()
    void (async () => {
      for await (const message of parleyDeletions) deletedByParley.push(message)
    })()
    sdk = await h.createClient(node, { label: "sam" })
    sdkDeletions = h.collect(await sdk.client.conversations.streamDeletedMessages())
    const settings = { fromNs: 1n, inNs: HOUR_NS }
    parleyGroup = await parley.conversations.createGroup([sdk.client.inboxId], { messageDisappearingSettings: settings })
    sdkView = (await conversationSeenBy(sdk, parleyGroup.id)) as SdkGroup
    sdkGroup = await sdk.client.conversations.createGroup([parley.inboxId], { messageDisappearingSettings: settings })
    parleyView = await pollUntil(`Parley to join ${sdkGroup.id}`, async () => {
      await parley.conversations.sync()
      return (await parley.conversations.getConversationById(sdkGroup.id)) as Group | undefined
    })
  }, 120_000)
  afterAll(async () => {
    await h?.close()
  })

  const sdkTexts = (messages: readonly SdkMessage[]) => messages.filter((m) => m.contentType.typeId === "text").map((m) => m.content)
  const parleyTexts = (messages: readonly DecodedMessage[]) => messages.filter((m) => m.contentType.typeId === "text").map((m) => m.content)
  const sdkFieldChanges = (messages: readonly SdkMessage[]) =>
    messages
      .filter((m) => m.contentType.typeId === "group_updated")
      .map((m) => (m.content as SdkGroupUpdated).metadataFieldChanges.map((c) => [c.fieldName, c.newValue]))
      .filter((changes) => changes.length > 0)

  it("DISAP-10, DISAP-02: settings given at creation reach the other side in the welcome, both ways", async () => {
    for (const conversation of [sdkView, parleyView, parleyGroup, sdkGroup]) {
      expect(conversation.messageDisappearingSettings()).toEqual({ fromNs: 1n, inNs: HOUR_NS })
      expect(conversation.isMessageDisappearingEnabled()).toBe(true)
    }
    const dm = await parley.conversations.createDm(sdk.client.inboxId, { messageDisappearingSettings: { fromNs: 5n, inNs: HOUR_NS } })
    const sdkDm = (await conversationSeenBy(sdk, dm.id)) as SdkDm
    expect(sdkDm.messageDisappearingSettings()).toEqual({ fromNs: 5n, inNs: HOUR_NS })
  })

  it("DISAP-06: each side stamps a message it receives with its own clock plus in_ns, and its own when published", async () => {
    const beforeSdkSend = nowNs()
    const fromSdk = await sdkView.sendText("from the SDK")
    const beforeParleySync = nowNs()
    await parleyGroup.sync()
    const afterParleySync = nowNs()
    const parleyCopy = await parley.conversations.getMessageById(fromSdk)
    expect(parleyCopy?.expiresAtNs).toBeGreaterThanOrEqual(beforeParleySync + HOUR_NS)
    expect(parleyCopy?.expiresAtNs).toBeLessThanOrEqual(afterParleySync + HOUR_NS)
    expect(sdk.client.conversations.getMessageById(fromSdk)?.expiresAtNs).toBeGreaterThanOrEqual(beforeSdkSend + HOUR_NS)

    const fromParley = await parleyGroup.sendText("from Parley")
    const beforeSdkSync = nowNs()
    await sdkView.sync()
    // libxmtp reads the clock in nanoseconds, Date.now() in whole milliseconds: one of slack.
    const afterSdkSync = nowNs() + 1_000_000n
    const sdkCopy = sdk.client.conversations.getMessageById(fromParley)
    expect(sdkCopy?.expiresAtNs).toBeGreaterThanOrEqual(beforeSdkSync + HOUR_NS)
    expect(sdkCopy?.expiresAtNs).toBeLessThanOrEqual(afterSdkSync + HOUR_NS)
    expect(sdkTexts(await sdkView.messages())).toEqual(["from the SDK", "from Parley"])
  })

  it("DISAP-03: the SDK's update arrives as two commits, from_ns then in_ns, and Parley's reaches the SDK the same way", async () => {
    const before = (await transcripts(parley, sdkGroup.id)).length
    await sdkGroup.updateMessageDisappearingSettings(2n, SHORT_NS)
    await parleyView.sync()
    expect(parleyView.messageDisappearingSettings()).toEqual({ fromNs: 2n, inNs: SHORT_NS })
    expect((await transcripts(parley, sdkGroup.id)).slice(before).map((u) => u.metadataFieldChanges.map((c) => [c.fieldName, c.newValue]))).toEqual([
      [[FROM, "2"]],
      [[IN, SHORT_NS.toString()]],
    ])

    await parleyGroup.updateMessageDisappearingSettings(3n, SHORT_NS)
    await sdkView.sync()
    expect(sdkView.messageDisappearingSettings()).toEqual({ fromNs: 3n, inNs: SHORT_NS })
    expect(sdkFieldChanges(await sdkView.messages()).slice(-2)).toEqual([[[FROM, "3"]], [[IN, SHORT_NS.toString()]]])
  })

  it("QUERY-04, DISAP-08: messages either side sends expire on both sides, leave both databases and reach both deleted-message streams", async () => {
    const fromParley = await parleyGroup.sendText("Parley's, gone soon")
    const fromSdk = await sdkView.sendText("the SDK's, gone soon")
    await parleyGroup.sync()
    await sdkView.sync()
    expect(parleyTexts(await parleyGroup.messages())).toContain("the SDK's, gone soon")

    await pollUntil("both copies to leave Parley's database", async () => {
      const left = await Promise.all([fromParley, fromSdk].map((id) => parley.conversations.getMessageById(id)))
      return left.every((m) => m === undefined)
    })
    expect(deletedByParley.filter((m) => [fromParley, fromSdk].includes(m.id)).map((m) => m.content)).toEqual(
      expect.arrayContaining(["Parley's, gone soon", "the SDK's, gone soon"]),
    )
    expect(parleyTexts(await parleyGroup.messages())).toEqual(["from the SDK", "from Parley"])

    await pollUntil("both copies to leave the SDK's database", () =>
      [fromParley, fromSdk].every((id) => sdk.client.conversations.getMessageById(id) === undefined),
    )
    expect(sdkTexts(await sdkView.messages())).toEqual(["from the SDK", "from Parley"])
    // The SDK's deletion worker reports the same two on its deleted-message stream.
    await sdkDeletions.waitUntil("the SDK's deleted-message stream to carry both", (items) =>
      [fromParley, fromSdk].every((id) => items.some((m) => m.id === id)),
    )
  })

  it("DISAP-04, DISAP-01: a removal writes zeros that both read as {0, 0} and disabled; in_ns alone does not enable", async () => {
    await parleyGroup.removeMessageDisappearingSettings()
    await sdkView.sync()
    expect(sdkView.messageDisappearingSettings()).toEqual({ fromNs: 0n, inNs: 0n })
    expect(sdkView.isMessageDisappearingEnabled()).toBe(false)

    await sdkGroup.removeMessageDisappearingSettings()
    const afterRemoval = await sdkGroup.sendText("kept by both")
    await parleyView.sync()
    expect(parleyView.messageDisappearingSettings()).toEqual({ fromNs: 0n, inNs: 0n })
    expect(parleyView.isMessageDisappearingEnabled()).toBe(false)
    expect((await parley.conversations.getMessageById(afterRemoval))?.expiresAtNs).toBeUndefined()

    await parleyGroup.updateMessageDisappearingSettings(0n, HOUR_NS)
    const withInOnly = await parleyGroup.sendText("in_ns alone")
    await sdkView.sync()
    expect(sdkView.messageDisappearingSettings()).toEqual({ fromNs: 0n, inNs: HOUR_NS })
    expect(sdkView.isMessageDisappearingEnabled()).toBe(false)
    expect(sdk.client.conversations.getMessageById(withInOnly)?.expiresAtNs).toBeUndefined()
    expect((await parley.conversations.getMessageById(withInOnly))?.expiresAtNs).toBeUndefined()
  })
})
