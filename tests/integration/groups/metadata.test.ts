// Mutable metadata through real Parley clients on a real node: name, description, image URL and
// app data updates, their byte limits, transcripts, defaults at creation, and the immutable
// metadata that never changes.
import { describe, expect, it } from "vitest"
import { ConversationType, type Client, type Group } from "../../../src/engine/index"
import { METADATA_FIELD } from "../../../src/engine/groups/extensions/index"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf, dmThroughGroupApi, envelopeCount, storedXmtpContext, syncEveryone, transcripts } from "./support/groupScenario"

const FIELDS = [
  { field: METADATA_FIELD.groupName, limit: 100, update: (g: Group, v: string) => g.updateName(v), read: (g: Group) => g.name },
  { field: METADATA_FIELD.description, limit: 1000, update: (g: Group, v: string) => g.updateDescription(v), read: (g: Group) => g.description },
  { field: METADATA_FIELD.groupImageUrlSquare, limit: 2048, update: (g: Group, v: string) => g.updateImageUrl(v), read: (g: Group) => g.imageUrl },
  { field: METADATA_FIELD.appData, limit: 8192, update: (g: Group, v: string) => g.updateAppData(v), read: (g: Group) => g.appData },
] as const

describe("group metadata", () => {
  let h: EngineHarness
  let profiles: Record<"alice" | "bob", ClientProfile>
  let alice: Client
  let bob: Client

  useEngineClients("group-metadata", ["alice", "bob"], (s) => ({ h, profiles, clients: { alice, bob } } = s))

  it("CREATE-03: a new group has exactly the four display attributes (empty) and a commit-log signer", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const { mutableMetadata } = storedXmtpContext(profiles.alice, group.id)
    expect([...mutableMetadata.attributes.keys()].sort()).toEqual(
      [METADATA_FIELD.appData, METADATA_FIELD.commitLogSigner, METADATA_FIELD.description, METADATA_FIELD.groupImageUrlSquare, METADATA_FIELD.groupName].sort(),
    )
    expect(mutableMetadata.attributes.get(METADATA_FIELD.commitLogSigner)).toMatch(/^[0-9a-f]{64}$/)
    expect([group.name, group.description, group.imageUrl, group.appData]).toEqual(["", "", "", ""])
    expect(group.messageDisappearingSettings()).toBeUndefined()
  })

  it("CONST-02, META-05: each field takes a value of exactly its byte limit; every member reads it and a transcript of the change", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    for (const { field, limit, update, read } of FIELDS) {
      const value = "x".repeat(limit)
      await update(group, value)
      expect(read(group)).toBe(value)
      const bobGroup = await conversationOf(bob, group.id)
      await bobGroup.sync()
      expect(read(bobGroup)).toBe(value)
      expect((await transcripts(bob, group.id)).at(-1)).toMatchObject({
        initiatedByInboxId: alice.inboxId,
        metadataFieldChanges: [{ fieldName: field, oldValue: "", newValue: value }],
      })
    }
  })

  it("CONST-02: one byte over a field's limit is refused before anything is published, counting UTF-8 bytes, not characters", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const before = await envelopeCount(h, group.id)
    for (const { limit, update, read } of FIELDS) {
      await expect(update(group, "x".repeat(limit + 1))).rejects.toMatchObject({
        name: "GroupError",
        code: "TooManyCharacters",
        message: `Exceeded max characters for this field. Must be under: ${limit}`,
      })
      expect(read(group)).toBe("")
    }
    // "é" is two bytes: 51 of them are 102 bytes, over the name's 100, though only 51 characters.
    await expect(group.updateName("é".repeat(51))).rejects.toMatchObject({ code: "TooManyCharacters" })
    expect(await envelopeCount(h, group.id)).toBe(before)
    await group.updateName("é".repeat(50))
    expect(group.name).toBe("é".repeat(50))
  })

  it("CONST-04: creation takes over-limit values unchecked, and joiners read them", async () => {
    const long = { groupName: "n".repeat(101), groupDescription: "d".repeat(1001), groupImageUrlSquare: "i".repeat(2049), appData: "a".repeat(8193) }
    const group = await alice.conversations.createGroup([bob.inboxId], long)
    await syncEveryone([bob], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    expect([bobGroup.name, bobGroup.description, bobGroup.imageUrl, bobGroup.appData]).toEqual([
      long.groupName,
      long.groupDescription,
      long.groupImageUrlSquare,
      long.appData,
    ])
  })

  it("META-04: setting a field to its current value publishes a commit but stores no transcript", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId], { groupName: "same" })
    await syncEveryone([bob], group.id)
    const envelopes = await envelopeCount(h, group.id)
    const before = (await transcripts(bob, group.id)).length
    await group.updateName("same")
    expect(await envelopeCount(h, group.id)).toBe(envelopes + 1)
    await (await conversationOf(bob, group.id)).sync()
    expect(await transcripts(bob, group.id)).toHaveLength(before)
    expect(await transcripts(alice, group.id)).toHaveLength(before)
  })

  it("PERM-01: under the default policy a plain member edits the display metadata but not the disappearing settings", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    await bobGroup.updateName("named by bob")
    await bobGroup.updateDescription("described by bob")
    await bobGroup.updateImageUrl("https://example.org/bob.png")
    await bobGroup.updateAppData("bob's data")
    await group.sync()
    expect([group.name, group.description, group.imageUrl, group.appData]).toEqual([
      "named by bob",
      "described by bob",
      "https://example.org/bob.png",
      "bob's data",
    ])
    const envelopes = await envelopeCount(h, group.id)
    await expect(bobGroup.updateMessageDisappearingSettings(1n, 1_000_000_000n)).rejects.toMatchObject({ code: "PermissionDenied" })
    expect(await envelopeCount(h, group.id)).toBe(envelopes)
    expect(bobGroup.messageDisappearingSettings()).toBeUndefined()
  })

  it("CREATE-06: the creator and conversation type stay as created whatever metadata changes", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    const bobGroup = await conversationOf(bob, group.id)
    await bobGroup.updateName("renamed")
    await group.sync()
    await group.addAdmin(bob.inboxId)
    for (const g of [group, bobGroup]) {
      await g.sync()
      expect(await g.metadata()).toEqual({ creatorInboxId: alice.inboxId, conversationType: ConversationType.Group })
    }
    const { metadata } = storedXmtpContext(profiles.bob, group.id)
    expect(metadata).toMatchObject({ conversationType: "group", creatorInboxId: alice.inboxId })
    expect(metadata.dmMembers).toBeUndefined()
  })

  it("META-01, DM-05: a DM refuses name, description, image and app data updates, after the length check", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    const asGroup = await dmThroughGroupApi(alice, dm.id)
    const envelopes = await envelopeCount(h, dm.id)
    for (const { limit, update } of FIELDS) {
      await expect(update(asGroup, "x".repeat(limit + 1))).rejects.toMatchObject({ code: "TooManyCharacters" })
      await expect(update(asGroup, "short")).rejects.toMatchObject({
        code: "DmGroupMetadataForbidden",
        message: "cannot change metadata of DM",
      })
    }
    expect(await envelopeCount(h, dm.id)).toBe(envelopes)
  })
})
