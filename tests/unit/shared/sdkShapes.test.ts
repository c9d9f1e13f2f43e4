// The DTOs mirror the official SDK's shapes so the engine's values map onto them one to one. The
// SDK's enums are `const enum`s (erased at run time), so this reads them from its declarations.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, dirname } from "node:path"
import { describe, expect, it } from "vitest"
import { CONSENT_STATES } from "../../../src/shared/dto/consent"
import { MEMBERSHIP_STATES } from "../../../src/shared/dto/conversation"
import { DELIVERY_STATUSES, MESSAGE_KINDS } from "../../../src/shared/dto/message"
import { REACTION_ACTIONS, REACTION_SCHEMAS } from "../../../src/shared/dto/messageContent"
import { MEMBER_ROLES } from "../../../src/shared/dto/member"
import { GROUP_PERMISSION_PRESETS, METADATA_FIELDS, PERMISSION_POLICIES, permissionPolicySetSchema, permissionUpdateSchema } from "../../../src/shared/dto/permissions"

const require = createRequire(import.meta.url)
const declarations = readFileSync(join(dirname(require.resolve("@xmtp/node-bindings")), "index.d.ts"), "utf8")

/** The members of `export declare const enum NAME`, in declaration order, with their values. */
function sdkEnum(name: string): Array<[string, string]> {
  const body = new RegExp(`export declare const enum ${name} \\{([^}]*)\\}`).exec(declarations)?.[1]
  if (!body) throw new Error(`enum ${name} not found in node-bindings declarations`)
  return body
    .split(",")
    .map((member) => member.trim())
    .filter(Boolean)
    .map((member) => member.split("=").map((part) => part.trim()) as [string, string])
}

function sdkInterfaceFields(name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(declarations)?.[1]
  if (!body) throw new Error(`interface ${name} not found in node-bindings declarations`)
  return body
    .split("\n")
    .map((line) => /^\s*(\w+)\??:/.exec(line)?.[1])
    .filter((field): field is string => field !== undefined)
}

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1)

describe("DTO enums follow node-bindings 1:1, index = numeric value", () => {
  const cases: Array<[string, readonly string[]]> = [
    ["ConsentState", CONSENT_STATES],
    ["PermissionPolicy", PERMISSION_POLICIES],
    ["GroupPermissionsOptions", GROUP_PERMISSION_PRESETS],
    ["MetadataField", METADATA_FIELDS],
    ["PermissionLevel", MEMBER_ROLES],
    ["GroupMembershipState", MEMBERSHIP_STATES],
    ["GroupMessageKind", MESSAGE_KINDS],
    ["DeliveryStatus", DELIVERY_STATUSES],
    ["ReactionAction", REACTION_ACTIONS],
    ["ReactionSchema", REACTION_SCHEMAS],
  ]
  it.each(cases)("%s", (name, ours) => {
    const members = sdkEnum(name)
    expect(members.map(([, value]) => Number(value))).toEqual(members.map((_, i) => i))
    expect(members.map(([member]) => camel(member))).toEqual([...ours])
  })

  it("PermissionUpdateType", () => {
    const ours = permissionUpdateSchema.options.map((option) => option.shape.type.value)
    expect(sdkEnum("PermissionUpdateType").map(([member]) => camel(member))).toEqual(ours)
  })
})

describe("DTO records have the node-bindings fields", () => {
  it("PermissionPolicySet", () => {
    expect(Object.keys(permissionPolicySetSchema.shape).sort()).toEqual(sdkInterfaceFields("PermissionPolicySet").sort())
  })
})
