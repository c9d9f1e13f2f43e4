import { describe, expect, it } from "vitest"
import { choicesFor, POLICY_ROWS, PRESETS, presetUpdates } from "../../../src/renderer/src/features/groupSettings/permissionPresets"
import type { PermissionPolicySet } from "../../../src/shared/dto/permissions"

const defaults: PermissionPolicySet = { ...PRESETS.default.policies }

describe("permission presets", () => {
  it("are libxmtp's default and admin-only policy sets", () => {
    expect(PRESETS.default.policies).toEqual({
      addMemberPolicy: "allow",
      removeMemberPolicy: "admin",
      addAdminPolicy: "superAdmin",
      removeAdminPolicy: "superAdmin",
      updateGroupNamePolicy: "allow",
      updateGroupDescriptionPolicy: "allow",
      updateGroupImageUrlSquarePolicy: "allow",
      updateMessageDisappearingPolicy: "admin",
      updateAppDataPolicy: "allow",
    })
    expect(PRESETS.adminOnly.policies).toMatchObject({ addMemberPolicy: "admin", updateGroupNamePolicy: "admin", updateAppDataPolicy: "admin", removeMemberPolicy: "admin" })
  })

  it("apply as the policy changes they need, one per differing rule", () => {
    expect(presetUpdates(defaults, "default")).toEqual([])
    expect(presetUpdates({ ...defaults, updateGroupNamePolicy: "admin" }, "adminOnly")).toEqual([
      { type: "addMember", policy: "admin" },
      { type: "updateMetadata", policy: "admin", metadataField: "description" },
      { type: "updateMetadata", policy: "admin", metadataField: "groupImageUrlSquare" },
      { type: "updateMetadata", policy: "admin", metadataField: "appData" },
    ])
    expect(presetUpdates({ ...PRESETS.adminOnly.policies, removeAdminPolicy: "deny" }, "default")).toHaveLength(6)
  })

  it("leave app data alone when the group never had a policy for it", () => {
    expect(presetUpdates({ ...defaults, updateAppDataPolicy: "doesNotExist" }, "adminOnly").map((update) => update.type === "updateMetadata" && update.metadataField)).not.toContain("appData")
  })

  it("list every rule but app data, and never offer everyone for managing admins", () => {
    expect(POLICY_ROWS.filter((row) => row.listed).map((row) => row.key)).not.toContain("updateAppDataPolicy")
    expect(choicesFor("addAdminPolicy").map((choice) => choice.value)).toEqual(["admin", "superAdmin", "deny"])
    expect(choicesFor("addMemberPolicy").map((choice) => choice.value)).toEqual(["allow", "admin", "superAdmin", "deny"])
  })
})
