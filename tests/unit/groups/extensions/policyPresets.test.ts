// The policy sets libxmtp builds (PERM-01 to PERM-04, PERM-16 in shared/spec/behaviours.md) and
// how a stored set is recognised as a preset.
import { describe, expect, it } from "vitest"
import { METADATA_FIELD, SUPPORTED_METADATA_FIELDS } from "../../../../src/engine/groups/extensions/metadataFields"
import { basePolicy, type MetadataPolicy, type PolicySet } from "../../../../src/engine/groups/extensions/permissions"
import {
  adminsOnlyPolicySet,
  customPolicySet,
  defaultPolicySet,
  dmPolicySet,
  groupPermissionsTypeOf,
  preconfiguredPolicyOf,
  type PermissionOptions,
} from "../../../../src/engine/groups/extensions/policyPresets"
import { throwsCode } from "./support"

const allow = basePolicy("allow")
const deny = basePolicy("deny")
const admin = basePolicy("allowIfAdminOrSuperAdmin")
const superAdmin = basePolicy("allowIfSuperAdmin")

const metadataOf = (set: PolicySet) => Object.fromEntries(set.updateMetadataPolicy)

describe("presets", () => {
  it("Default lets members add and edit display metadata; admins remove and set disappearing", () => {
    const set = defaultPolicySet()
    expect(set).toMatchObject({ addMemberPolicy: allow, removeMemberPolicy: admin, addAdminPolicy: superAdmin, removeAdminPolicy: superAdmin, updatePermissionsPolicy: superAdmin })
    expect(metadataOf(set)).toEqual({
      group_name: allow,
      description: allow,
      group_image_url_square: allow,
      message_disappear_from_ns: admin,
      message_disappear_in_ns: admin,
      minimum_supported_protocol_version: superAdmin,
      app_data: allow,
    })
    expect([...set.updateMetadataPolicy.keys()]).toEqual(SUPPORTED_METADATA_FIELDS)
  })

  it("AdminsOnly gives admins membership and every field but the protocol version", () => {
    const set = adminsOnlyPolicySet()
    expect(set).toMatchObject({ addMemberPolicy: admin, removeMemberPolicy: admin, addAdminPolicy: superAdmin, updatePermissionsPolicy: superAdmin })
    const expected: Record<string, MetadataPolicy> = Object.fromEntries(SUPPORTED_METADATA_FIELDS.map((f) => [f, admin]))
    expected[METADATA_FIELD.minimumSupportedProtocolVersion] = superAdmin
    expect(metadataOf(set)).toEqual(expected)
  })

  it("a DM denies every membership, admin and permission change and allows all metadata", () => {
    const set = dmPolicySet()
    expect(set).toMatchObject({ addMemberPolicy: deny, removeMemberPolicy: deny, addAdminPolicy: deny, removeAdminPolicy: deny, updatePermissionsPolicy: deny })
    expect(Object.values(metadataOf(set))).toEqual(SUPPORTED_METADATA_FIELDS.map(() => allow))
  })
})

describe("custom policy sets (the Node binding's CustomPolicy)", () => {
  const options: PermissionOptions = {
    addMemberPolicy: "admin",
    removeMemberPolicy: "superAdmin",
    addAdminPolicy: "superAdmin",
    removeAdminPolicy: "deny",
    updateGroupNamePolicy: "allow",
    updateGroupDescriptionPolicy: "deny",
    updateGroupImageUrlSquarePolicy: "admin",
    updateMessageDisappearingPolicy: "superAdmin",
    updateAppDataPolicy: "allow",
  }

  it("maps each option and covers five metadata fields, with permission updates super-admin only", () => {
    const set = customPolicySet(options)
    expect(set).toMatchObject({ addMemberPolicy: admin, removeMemberPolicy: superAdmin, addAdminPolicy: superAdmin, removeAdminPolicy: deny, updatePermissionsPolicy: superAdmin })
    expect([...set.updateMetadataPolicy]).toEqual([
      ["group_name", allow],
      ["description", deny],
      ["group_image_url_square", admin],
      ["message_disappear_in_ns", superAdmin],
      ["app_data", allow],
    ])
    expect(groupPermissionsTypeOf(set)).toBe("CustomPolicy")
  })

  it("refuses allow for adding or removing admins", () => {
    throwsCode(() => customPolicySet({ ...options, addAdminPolicy: "allow" }), "InvalidPermissionPolicyOption")
    throwsCode(() => customPolicySet({ ...options, removeAdminPolicy: "allow" }), "InvalidPermissionPolicyOption")
  })
})

describe("preset recognition", () => {
  it("recognises both presets and calls anything else custom", () => {
    expect(preconfiguredPolicyOf(defaultPolicySet())).toBe("Default")
    expect(preconfiguredPolicyOf(adminsOnlyPolicySet())).toBe("AdminsOnly")
    expect(preconfiguredPolicyOf(dmPolicySet())).toBeUndefined()
    expect(groupPermissionsTypeOf({ ...defaultPolicySet(), addMemberPolicy: deny })).toBe("CustomPolicy")
    expect(groupPermissionsTypeOf({ ...defaultPolicySet(), updatePermissionsPolicy: admin })).toBe("CustomPolicy")
  })

  it("compares only the metadata policies present, so missing or extra fields follow the per-field rule", () => {
    const trimmed = new Map(defaultPolicySet().updateMetadataPolicy)
    trimmed.delete(METADATA_FIELD.appData)
    trimmed.set("custom_field", allow)
    expect(preconfiguredPolicyOf({ ...defaultPolicySet(), updateMetadataPolicy: trimmed })).toBe("Default")
    trimmed.set(METADATA_FIELD.groupName, { type: "and", policies: [allow] })
    expect(preconfiguredPolicyOf({ ...defaultPolicySet(), updateMetadataPolicy: trimmed })).toBeUndefined()
    expect(preconfiguredPolicyOf({ ...adminsOnlyPolicySet(), updateMetadataPolicy: new Map() })).toBe("AdminsOnly")
  })
})
