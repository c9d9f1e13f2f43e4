// Intent rows through their life (libxmtp db/group_intent.rs states, groups/mls_sync.rs), read from
// the client's own database file, and app_data's compare-and-swap, whose lost race leaves its
// intent Superseded (INTENT-02, META-03). Parley clients on a real node.
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
import { beforeAll, describe, expect, it } from "vitest"
import { NO_RETRY, type ApiClient } from "../../../src/engine/api/index"
import { DeliveryStatus, PermissionPolicy, PermissionUpdateType, type Client, type Group } from "../../../src/engine/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { IntentKind, IntentState, type StoredIntent } from "../../../src/engine/storage/intents"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, syncEveryone } from "../groups/support/groupScenario"

describe("intent states", () => {
  let h: EngineHarness
  let api: ApiClient
  let profiles: Record<"alice" | "bob", ClientProfile>
  let alice: Client
  let bob: Client
  let group: Group
  let bobGroup: Group

  useEngineClients(
    "intent-states",
    ["alice", "bob"],
    (s) => {
      ({ h, profiles, clients: { alice, bob } } = s)
      api = h.apiClient()
    },
    // Bob does not retry, so his publishes fail at once while the node is down.
    { retry: { bob: NO_RETRY } },
  )
  beforeAll(async () => {
    group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    bobGroup = await conversationOf(bob, group.id)
    await bobGroup.sendText("rotates bob's leaf key first")
  })

  /** The group's intent rows as stored in the profile's database file. */
  function intentsOf(profile: ClientProfile, groupId: string): StoredIntent[] {
    const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
    try {
      return db.intents.listByState(Buffer.from(groupId, "hex"), Object.values(IntentState))
    } finally {
      db.close()
    }
  }
  const lastIntent = (profile: ClientProfile, groupId: string) => intentsOf(profile, groupId).at(-1)!

  it("INTENT-02: queued is ToPublish; published and read back it ends Processed, with the hash, payload, epoch and cursor of what was sent", async () => {
    const id = await bobGroup.sendText("optimistic", true)
    expect(lastIntent(profiles.bob, group.id)).toMatchObject({ kind: IntentKind.SendMessage, state: IntentState.ToPublish, publishAttempts: 0 })
    expect(lastIntent(profiles.bob, group.id).payloadHash).toBeUndefined()
    const { epoch } = await bobGroup.debugInfo()
    await bobGroup.publishMessages()
    const intent = lastIntent(profiles.bob, group.id)
    expect(intent).toMatchObject({ state: IntentState.Processed, publishedInEpoch: epoch })
    const envelope = (await api.mls.queryAllGroupMessages(bobGroup.idBytes)).find((e) => e.id === intent.sequenceId)!
    expect(bytesToHex(intent.payloadHash!)).toBe(bytesToHex(sha256(envelope.data)))
    expect((await bobGroup.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Published)
  })

  it("INTENT-02: a send that fails three times ends the intent in Error and its message Failed", async () => {
    const id = await bobGroup.sendText("never sent", true)
    await h.stopNode()
    try {
      await expect(bobGroup.publishMessages()).rejects.toMatchObject({ name: "GroupError", code: "IntentFailed" })
    } finally {
      await h.startNode()
    }
    expect(lastIntent(profiles.bob, group.id)).toMatchObject({ kind: IntentKind.SendMessage, state: IntentState.Error, publishAttempts: 2 })
    expect((await bobGroup.messages()).find((m) => m.id === id)?.deliveryStatus).toBe(DeliveryStatus.Failed)
  })

  it("INTENT-02: an own commit read back in an epoch another commit took is published again, and only a Published intent goes back to ToPublish", async () => {
    const aliceGroup = await conversationOf(alice, group.id)
    await aliceGroup.sync()
    const { epoch } = await aliceGroup.debugInfo()
    // Bob commits first; Alice, who has not seen his commit, commits in the same epoch.
    await bobGroup.updateName("bob's name")
    await aliceGroup.updateDescription("alice's description")
    const intent = lastIntent(profiles.alice, group.id)
    expect(intent).toMatchObject({ kind: IntentKind.MetadataUpdate, state: IntentState.Processed, publishedInEpoch: epoch + 1n })
    await bobGroup.sync()
    expect([bobGroup.name, bobGroup.description]).toEqual(["bob's name", "alice's description"])

    const db = ClientDatabase.open(profiles.alice.dbPath, profiles.alice.dbEncryptionKey)
    try {
      db.intents.setToPublish(intent.id)
      expect(db.intents.find(intent.id)?.state).toBe(IntentState.Processed)
    } finally {
      db.close()
    }
  })

  it("INTENT-02: an own commit that fails validation ends in Error and is never sent", async () => {
    const before = (await api.mls.queryAllGroupMessages(bobGroup.idBytes)).length
    await expect(bobGroup.updatePermission(PermissionUpdateType.AddMember, PermissionPolicy.Deny)).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(lastIntent(profiles.bob, group.id)).toMatchObject({ kind: IntentKind.UpdatePermission, state: IntentState.Error })
    expect(lastIntent(profiles.bob, group.id).error).toMatch(/^CommitValidation:InsufficientPermissions/)
    expect((await api.mls.queryAllGroupMessages(bobGroup.idBytes)).length).toBe(before)
  })

  it("META-03: without an expected value the last writer wins; with one, a value that differs fails before anything is sent", async () => {
    const fresh = await alice.conversations.createGroup([bob.inboxId])
    const envelopes = async () => (await api.mls.queryAllGroupMessages(fresh.idBytes)).length
    const count = await envelopes()
    // A group is created with app_data set, to "".
    await fresh.updateAppData("first", "")
    await fresh.updateAppData("second")
    await expect(fresh.updateAppData("third", "first")).rejects.toMatchObject({
      code: "AppDataSuperseded",
      message: expect.stringContaining('expected "first" but the committed value is "second"'),
    })
    await fresh.updateAppData("third", "second")
    expect(fresh.appData).toBe("third")
    expect(await envelopes()).toBe(count + 3)
  })

  it("META-03, INTENT-02: a guarded update that loses the epoch race is Superseded, not sent again, and reported with the value that won", async () => {
    const aliceGroup = await conversationOf(alice, group.id)
    await aliceGroup.updateAppData("shared")
    await bobGroup.sync()
    expect(bobGroup.appData).toBe("shared")
    // Both start from "shared"; Bob's commit lands first, Alice has not seen it.
    await bobGroup.updateAppData("bob's", "shared")
    await expect(aliceGroup.updateAppData("alice's", "shared")).rejects.toMatchObject({
      name: "GroupError",
      code: "AppDataSuperseded",
      message: expect.stringContaining('expected "shared" but the committed value is "bob\'s"'),
    })
    expect(lastIntent(profiles.alice, group.id)).toMatchObject({ kind: IntentKind.MetadataUpdate, state: IntentState.Superseded })
    const sent = (await api.mls.queryAllGroupMessages(bobGroup.idBytes)).length
    await aliceGroup.sync()
    await bobGroup.sync()
    expect([aliceGroup.appData, bobGroup.appData]).toEqual(["bob's", "bob's"])
    expect((await api.mls.queryAllGroupMessages(bobGroup.idBytes)).length).toBe(sent)
  })
})
