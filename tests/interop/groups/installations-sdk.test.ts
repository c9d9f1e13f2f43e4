// An official SDK (@xmtp/node-sdk 6.0.0) member with two installations in a Parley member's group,
// through Parley's node: the SDK revokes one of them, Parley's next send removes it from the group,
// the SDK's remaining installation accepts that commit and reads on, the revoked one is left out.
import { Client as SdkClient, createBackend, type Group as SdkGroup } from "@xmtp/node-sdk"
import { describe, expect, it } from "vitest"
import type { Client } from "../../../src/engine/index"
import { conversationSeenBy, textsSeenBy } from "../support/conversationWaits"
import type { InteropHarness } from "../support/interopHarness"
import { useParleyWithSdk } from "../support/parleyWithSdk"
import { textsOf, type LabelledClient } from "../support/sdkClient"
import type { TestNode } from "../support/testNode"

describe("an SDK member's revoked installation", () => {
  let h: InteropHarness
  let node: TestNode
  let parley: Client
  let sam: LabelledClient
  let samSecond: LabelledClient

  useParleyWithSdk("groups-installations", ["sam"], async (setup) => {
    ;({ h, node, parley, sdk: { sam } } = setup)
    samSecond = await h.createClient(node, { label: "sam-2", signer: sam.signer })
  })

  const labelOf = (inboxId: string) => (inboxId === parley.inboxId ? "parley" : h.labelOf(inboxId))

  it("MEMB-09: is removed by a Parley member's next send; the SDK's other installation reads on", async () => {
    const group = await parley.conversations.createGroup([sam.client.inboxId])
    const [samGroup, secondGroup] = [(await conversationSeenBy(sam, group.id)) as SdkGroup, (await conversationSeenBy(samSecond, group.id)) as SdkGroup]
    await samGroup.sendText("from sam before")
    await textsSeenBy(samSecond, secondGroup, ["sam: from sam before"], labelOf)

    await SdkClient.revokeInstallations(sam.signer, sam.client.inboxId, [samSecond.client.installationIdBytes], await createBackend({ env: "local", apiUrl: node.address }))
    await group.sendText("from parley after")

    const samInstallations = (await group.members()).find((m) => m.inboxId === sam.client.inboxId)?.installationIds
    expect(samInstallations).toEqual([sam.client.installationId])
    expect(await textsSeenBy(sam, samGroup, ["sam: from sam before", "parley: from parley after"], labelOf)).toHaveLength(2)
    const sdkView = (await samGroup.members()).find((m) => m.inboxId === sam.client.inboxId)?.installationIds
    expect(sdkView).toEqual([sam.client.installationId])

    await secondGroup.sync()
    expect(secondGroup.isActive).toBe(false)
    expect(textsOf(await secondGroup.messages(), labelOf)).toEqual(["sam: from sam before"])
  })

  it("MEMB-09: an SDK member's next send removes a Parley installation its inbox revoked, and Parley accepts the commit", async () => {
    const patProfile = h.parleyProfile("pat")
    const pat = await h.createParleyClient(node, patProfile)
    const patSecond = await h.createParleyClient(node, { ...h.parleyProfile("pat-2"), signer: patProfile.signer })
    const sdkGroup = await sam.client.conversations.createGroup([pat.inboxId])
    for (const client of [pat, patSecond]) await client.conversations.sync()
    const groupOf = async (client: Client) => (await client.conversations.getConversationById(sdkGroup.id))!
    const [patGroup, secondGroup] = [await groupOf(pat), await groupOf(patSecond)]

    await pat.revokeInstallations([patSecond.installationIdBytes])
    await sdkGroup.sendText("from sam after the revocation")
    // The SDK's own view, before any Parley installation syncs: its send carried the removal.
    expect((await sdkGroup.members()).find((m) => m.inboxId === pat.inboxId)?.installationIds).toEqual([pat.installationId])

    const { failures } = await patGroup.sync()
    expect(failures).toEqual([])
    expect((await patGroup.members()).find((m) => m.inboxId === pat.inboxId)?.installationIds).toEqual([pat.installationId])
    expect((await patGroup.messages()).map((m) => m.content)).toContain("from sam after the revocation")
    await secondGroup.sync()
    expect(secondGroup.isActive).toBe(false)
    expect((await secondGroup.messages()).map((m) => m.content)).not.toContain("from sam after the revocation")
  })
})
