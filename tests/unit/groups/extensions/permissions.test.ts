// 0xff02: GroupMutablePermissionsV1 { PolicySet } as prost writes it, the base-policy numbering of
// each policy kind, and the validation libxmtp's from_proto applies.
import { describe, expect, it } from "vitest"
import { basePolicy, decodeGroupPermissions, encodeGroupPermissions, type MetadataPolicy, type PolicySet } from "../../../../src/engine/groups/extensions/permissions"
import { ascii, fromHex, hex, throwsCode } from "./support"

const small: PolicySet = {
  addMemberPolicy: basePolicy("allow"),
  removeMemberPolicy: basePolicy("allowIfAdminOrSuperAdmin"),
  updateMetadataPolicy: new Map([["group_name", basePolicy("allow")]]),
  addAdminPolicy: basePolicy("allowIfSuperAdmin"),
  removeAdminPolicy: basePolicy("allowIfSuperAdmin"),
  updatePermissionsPolicy: basePolicy("deny"),
}
// Membership and metadata: allow 1, deny 2, admin 3, super admin 4. Permissions: deny 1, admin 2, super admin 3.
const SMALL_SET = `0a020801 12020803 1a10 0a0a${ascii("group_name")} 12020801 22020803 2a020803 32020801`.replace(/ /g, "")
const SMALL = `0a${(SMALL_SET.length / 2).toString(16)}${SMALL_SET}`

/** The bytes of a GroupMutablePermissionsV1 whose PolicySet is `set` (hex). */
const wrap = (set: string) => {
  const body = set.replace(/ /g, "")
  return fromHex(`0a${(body.length / 2).toString(16).padStart(2, "0")}${body}`)
}

describe("PolicySet bytes", () => {
  it("writes each policy's base as its kind's enum value, fields in tag order", () => {
    expect(hex(encodeGroupPermissions(small))).toBe(SMALL)
    expect(decodeGroupPermissions(fromHex(SMALL))).toEqual(small)
  })

  it("writes And and Any conditions as nested policy lists", () => {
    const set: PolicySet = {
      ...small,
      addMemberPolicy: { type: "and", policies: [basePolicy("allow"), { type: "any", policies: [basePolicy("deny")] }] },
    }
    const bytes = encodeGroupPermissions(set)
    expect(hex(bytes).startsWith("0a" + ((SMALL_SET.length / 2 + 12).toString(16)) + "0a0e120c0a0208010a061a040a020802")).toBe(true)
    expect(decodeGroupPermissions(bytes)).toEqual(set)
  })

  it("re-encodes decoded metadata policies in wire order", () => {
    const set: PolicySet = {
      ...small,
      updateMetadataPolicy: new Map<string, MetadataPolicy>([
        ["z", basePolicy("deny")],
        ["a", basePolicy("allowIfSuperAdmin")],
      ]),
    }
    const bytes = encodeGroupPermissions(set)
    expect(hex(encodeGroupPermissions(decodeGroupPermissions(bytes)))).toBe(hex(bytes))
  })

  it("merges a repeated policy field, and a repeated And condition concatenates its lists", () => {
    // add_member_policy given twice: first Any[allow], then And[deny] and And[allow] merged.
    const bytes = wrap(`0a06 1a04 0a020801  0a06 1204 0a020802  0a06 1204 0a020801 ${SMALL_SET.slice(8)}`)
    expect(decodeGroupPermissions(bytes).addMemberPolicy).toEqual({ type: "and", policies: [basePolicy("deny"), basePolicy("allow")] })
  })
})

describe("PolicySet validation (libxmtp from_proto)", () => {
  const without = (field: string) => wrap(SMALL_SET.replace(field, ""))

  it("needs policies and each of the five singular policies", () => {
    throwsCode(() => decodeGroupPermissions(new Uint8Array(0)), "MissingField")
    for (const field of ["0a020801", "12020803", "22020803", "2a020803", "32020801"]) {
      throwsCode(() => decodeGroupPermissions(without(field)), "MissingField")
    }
    expect(decodeGroupPermissions(without(`1a10 0a0a${ascii("group_name")} 12020801`.replace(/ /g, ""))).updateMetadataPolicy.size).toBe(0)
  })

  it("refuses unset kinds, unknown base values and empty conditions", () => {
    const withAddMember = (policy: string) => wrap(`0a${(policy.length / 2).toString(16).padStart(2, "0")}${policy}${SMALL_SET.slice(8)}`)
    for (const policy of ["", "0800", "0805", "1200", "1a00", "1202 0a00".replace(" ", "")]) {
      throwsCode(() => decodeGroupPermissions(withAddMember(policy)), "InvalidPolicy")
    }
    // Base 4 is a valid membership policy but not a permissions policy.
    throwsCode(() => decodeGroupPermissions(wrap(SMALL_SET.replace("32020801", "32020804"))), "InvalidPolicy")
    // A metadata entry without a value holds the default policy, whose kind is unset.
    throwsCode(() => decodeGroupPermissions(wrap(SMALL_SET.replace(`1a10 0a0a${ascii("group_name")} 12020801`.replace(/ /g, ""), "1a020a00"))), "InvalidPolicy")
  })

  it("refuses conditions nested past prost's recursion limit without exhausting the stack", () => {
    let policy = "0802"
    for (let i = 0; i < 120; i++) {
      const condition = `0a${varintHex(policy.length / 2)}${policy}`
      policy = `12${varintHex(condition.length / 2)}${condition}`
    }
    const set = `0a${varintHex(policy.length / 2)}${policy}${SMALL_SET.slice(8)}`
    throwsCode(() => decodeGroupPermissions(fromHex(`0a${varintHex(set.length / 2)}${set}`)), "Malformed")
  })
})

function varintHex(value: number): string {
  const out: number[] = []
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80)
    value >>>= 7
  }
  out.push(value)
  return Buffer.from(out).toString("hex")
}
