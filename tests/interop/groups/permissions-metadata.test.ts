// Group metadata, admins and permissions with an official SDK member (@xmtp/node-sdk 6.0.0) in a
// Parley super admin's group, through Parley's node. Each step is a change one side makes or is
// refused; afterwards Parley and the SDK must agree on every outcome: the metadata values, the
// admin lists, the permission policies, and which changes were refused.
import type { Group as SdkGroup, MetadataField as SdkMetadataField, PermissionPolicy as SdkPermissionPolicy, PermissionUpdateType as SdkUpdateType } from "@xmtp/node-sdk"
import { describe, expect, it } from "vitest"
import {
  type Client,
  GroupPermissionsOptions,
  MetadataField,
  PermissionPolicy,
  PermissionUpdateType,
  type Group,
} from "../../../src/engine/index"
import { conversationSeenBy } from "../support/conversationWaits"
import { pollUntil } from "../support/deadline"
import { useParleyWithSdk } from "../support/parleyWithSdk"
import type { LabelledClient } from "../support/sdkClient"

// node-bindings declares these as const enums; Parley numbers them the same (publicTypes.ts).
const sdkUpdate = (type: PermissionUpdateType) => type as unknown as SdkUpdateType
const sdkPolicy = (policy: PermissionPolicy) => policy as unknown as SdkPermissionPolicy
const sdkField = (field: MetadataField) => field as unknown as SdkMetadataField

describe("metadata and permissions with an SDK member", () => {
  let parley: Client
  let sdk: LabelledClient
  let group: Group
  let sdkGroup: SdkGroup

  useParleyWithSdk("groups-permissions", ["sam"], async (setup) => {
    ;({ parley, sdk: { sam: sdk } } = setup)
    group = await parley.conversations.createGroup([sdk.client.inboxId], { groupName: "from parley" })
    sdkGroup = (await conversationSeenBy(sdk, group.id)) as SdkGroup
    await sdkGroup.sync()
  })

  /**
   * Both sides sync, then must report the same metadata, roles and policies. `refusedSdkCommits`:
   * how many commits the SDK published and failed on (libxmtp checks permissions only when it reads
   * its own commit back, PERM-17), which Parley must refuse as InsufficientPermissions. As in
   * libxmtp, refused envelopes do not fail the sync: Parley lists them in its summary.
   */
  async function expectAgreement(refusedSdkCommits = 0): Promise<void> {
    const { failures } = await group.sync()
    expect(failures.map((f) => [f.code, f.commitError?.code])).toEqual(
      Array.from({ length: refusedSdkCommits }, () => ["CommitValidation", "InsufficientPermissions"]),
    )
    await sdkGroup.sync()
    expect({ name: sdkGroup.name, description: sdkGroup.description, imageUrl: sdkGroup.imageUrl, appData: sdkGroup.appData }).toEqual({
      name: group.name,
      description: group.description,
      imageUrl: group.imageUrl,
      appData: group.appData,
    })
    expect(sdkGroup.listAdmins()).toEqual(group.listAdmins())
    expect(sdkGroup.listSuperAdmins()).toEqual(group.listSuperAdmins())
    const sdkPermissions = sdkGroup.permissions()
    expect({ policyType: Number(sdkPermissions.policyType), policySet: sdkPermissions.policySet }).toEqual(group.permissions())
  }

  it("CREATE-02, PERM-01: the SDK reads the group as Parley created it", async () => {
    expect(sdkGroup.name).toBe("from parley")
    expect(sdkGroup.listSuperAdmins()).toEqual([parley.inboxId])
    expect(group.permissions().policyType).toBe(GroupPermissionsOptions.Default)
    await expectAgreement()
  })

  it("CONST-02, META-05: metadata set on either side reaches the other; exact limits pass and one byte more fails on both", async () => {
    await group.updateDescription("d".repeat(1000))
    await group.updateImageUrl("https://example.org/group.png")
    await sdkGroup.sync()
    // The SDK's transcripts of Parley's commits: one change each, old and new values as strings.
    const changes = (await sdkGroup.messages())
      .filter((m) => m.contentType.typeId === "group_updated")
      .flatMap((m) => (m.content as { metadataFieldChanges: { fieldName: string; oldValue?: string; newValue?: string }[] }).metadataFieldChanges)
    expect(changes.slice(-2)).toEqual([
      { fieldName: "description", oldValue: "", newValue: "d".repeat(1000) },
      { fieldName: "group_image_url_square", oldValue: "", newValue: "https://example.org/group.png" },
    ])
    await sdkGroup.updateAppData("a".repeat(8192))
    await sdkGroup.updateName("n".repeat(100))
    await expect(sdkGroup.updateName("n".repeat(101))).rejects.toThrow(/Exceeded max characters for this field. Must be under: 100/)
    await group.sync()
    await expect(group.updateName("n".repeat(101))).rejects.toMatchObject({ code: "TooManyCharacters" })
    await expectAgreement()
    expect(group.name).toBe("n".repeat(100))
    expect(group.appData).toBe("a".repeat(8192))
  })

  it("PERM-13, PERM-17: a name policy Parley narrows binds the SDK member, whose own commit both sides refuse", async () => {
    await group.updatePermission(PermissionUpdateType.UpdateMetadata, PermissionPolicy.Admin, MetadataField.GroupName)
    await sdkGroup.sync()
    expect(sdkGroup.permissions().policySet.updateGroupNamePolicy).toBe(sdkPolicy(PermissionPolicy.Admin))
    const nameBefore = group.name
    // libxmtp publishes the commit and fails when it reads it back; Parley, receiving it, refuses it.
    await expect(sdkGroup.updateName("not allowed")).rejects.toThrow()
    await expectAgreement(1)
    expect(group.name).toBe(nameBefore)
  })

  it("ADMIN-01, PERM-09, ADMIN-03: promoted by Parley, the SDK member renames; as a plain admin it cannot promote", async () => {
    await group.addAdmin(sdk.client.inboxId)
    await sdkGroup.sync()
    expect(sdkGroup.isAdmin(sdk.client.inboxId)).toBe(true)
    await sdkGroup.updateName("renamed by the sdk admin")
    await expect(sdkGroup.addSuperAdmin(sdk.client.inboxId)).rejects.toThrow()
    await expectAgreement(1)
    expect(group.name).toBe("renamed by the sdk admin")
    expect(group.listSuperAdmins()).toEqual([parley.inboxId])
  })

  it("PERM-07, PERM-05, PERM-14: as a super admin the SDK member changes policies, and Parley applies them to itself", async () => {
    await group.addSuperAdmin(sdk.client.inboxId)
    await sdkGroup.sync()
    await sdkGroup.updatePermission(sdkUpdate(PermissionUpdateType.UpdateMetadata), sdkPolicy(PermissionPolicy.Deny), sdkField(MetadataField.Description))
    await sdkGroup.updatePermission(sdkUpdate(PermissionUpdateType.AddAdmin), sdkPolicy(PermissionPolicy.Allow))
    await group.sync()
    expect(group.permissions().policySet).toMatchObject({ updateGroupDescriptionPolicy: PermissionPolicy.Deny, addAdminPolicy: PermissionPolicy.SuperAdmin })
    await expect(group.updateDescription("denied to everyone")).rejects.toMatchObject({ code: "PermissionDenied" })
    await expectAgreement()
  })

  it("ADMIN-04, PERM-10: super admins on both sides step down and are removed by the same rules", async () => {
    await expect(group.removeMembers([sdk.client.inboxId])).rejects.toMatchObject({ code: "PermissionDenied" })
    await sdkGroup.removeSuperAdmin(sdk.client.inboxId)
    await group.sync()
    await expect(group.removeSuperAdmin(parley.inboxId)).rejects.toMatchObject({ code: "PermissionDenied" })
    await expect(sdkGroup.removeSuperAdmin(parley.inboxId)).rejects.toThrow()
    await expectAgreement(1)
    expect(group.listSuperAdmins()).toEqual([parley.inboxId])
  })
})

describe("leave requests between Parley and the SDK", () => {
  let parley: Client
  let sdkAdmin: LabelledClient
  let sdkMember: LabelledClient

  useParleyWithSdk("groups-leave", ["sally", "sid"], (setup) => {
    ;({ parley, sdk: { sally: sdkAdmin, sid: sdkMember } } = setup)
  })

  const memberIds = async (g: { members(): Promise<{ inboxId: string }[]> }) => (await g.members()).map((m) => m.inboxId).sort()

  it("LEAVE-02, LEAVE-05, LEAVE-06: an SDK member's request is carried out by Parley's super admin, and both report it as left", async () => {
    const group = await parley.conversations.createGroup([sdkMember.client.inboxId])
    const sdkGroup = (await conversationSeenBy(sdkMember, group.id)) as SdkGroup
    await sdkGroup.sync()
    await sdkGroup.requestRemoval()
    expect(sdkGroup.isPendingRemoval()).toBe(true)
    await group.sync()
    expect(await memberIds(group)).toEqual([parley.inboxId])
    const transcript = (await group.messages()).at(-1)?.content as { leftInboxes: { inboxId: string }[]; removedInboxes: unknown[] }
    expect(transcript).toMatchObject({ leftInboxes: [{ inboxId: sdkMember.client.inboxId }], removedInboxes: [] })
    await sdkGroup.sync()
    expect(sdkGroup.isActive).toBe(false)
  })

  it("LEAVE-03, LEAVE-05: a Parley member's request is carried out by an SDK super admin", async () => {
    const sdkGroup = await sdkAdmin.client.conversations.createGroup([parley.inboxId])
    await parley.conversations.sync()
    const group = (await parley.conversations.getConversationById(sdkGroup.id)) as Group
    await group.requestRemoval()
    expect(group.isPendingRemoval()).toBe(true)
    expect(group.isActive).toBe(true)
    // libxmtp acts on requests in a background worker once its sync has recorded them.
    await pollUntil("the SDK super admin to remove the Parley member", async () => {
      await sdkGroup.sync()
      return !(await memberIds(sdkGroup)).includes(parley.inboxId)
    })
    await group.sync().catch(() => undefined)
    expect(group.isActive).toBe(false)
    expect(group.isPendingRemoval()).toBe(true)
  })
})
