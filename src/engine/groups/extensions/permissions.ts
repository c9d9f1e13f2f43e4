// Extension 0xff02: protobuf GroupMutablePermissionsV1 { PolicySet policies }, the group's
// permission policies, with the validation libxmtp applies when it reads them.
// Reference: libxmtp node-bindings-1.10.0 crates/xmtp_mls/src/groups/group_permissions.rs
// (GroupMutablePermissions::from_proto, PolicySet::{to_proto, from_proto}, the TryFrom<*PolicyProto>
// conversions), proto commit 6d7c607c mls/message_contents/group_permissions.proto.
import { GroupExtensionError } from "./errors"
import { MessageChunks, ProtoReader, ProtoWriter, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from "./protoWire"

/** A base policy, or all (and) / any of a non-empty list of policies. */
export type Policy<Base extends string> =
  | { readonly type: "base"; readonly base: Base }
  | { readonly type: "and"; readonly policies: readonly Policy<Base>[] }
  | { readonly type: "any"; readonly policies: readonly Policy<Base>[] }

export type MembershipBasePolicy = "allow" | "deny" | "allowIfAdminOrSuperAdmin" | "allowIfSuperAdmin"
export type MetadataBasePolicy = "allow" | "deny" | "allowIfAdminOrSuperAdmin" | "allowIfSuperAdmin"
/** Permission changes cannot be opened to everyone: there is no "allow". */
export type PermissionsBasePolicy = "deny" | "allowIfAdminOrSuperAdmin" | "allowIfSuperAdmin"

export type MembershipPolicy = Policy<MembershipBasePolicy>
export type MetadataPolicy = Policy<MetadataBasePolicy>
export type PermissionsPolicy = Policy<PermissionsBasePolicy>

export interface PolicySet {
  addMemberPolicy: MembershipPolicy
  removeMemberPolicy: MembershipPolicy
  /** Metadata attribute name to policy, in wire order so decoded bytes re-encode unchanged. */
  updateMetadataPolicy: ReadonlyMap<string, MetadataPolicy>
  addAdminPolicy: PermissionsPolicy
  removeAdminPolicy: PermissionsPolicy
  /** Stored but never consulted: permission changes always need a super admin (PERM-07). */
  updatePermissionsPolicy: PermissionsPolicy
}

/** The wire values of each base-policy enum, named by what they allow. */
class BaseCodec<Base extends string> {
  private readonly byValue: Map<number, Base>
  constructor(
    readonly what: string,
    private readonly values: Readonly<Record<Base, number>>,
  ) {
    this.byValue = new Map(Object.entries(values).map(([name, value]) => [value as number, name as Base]))
  }
  encode(base: Base): number {
    return this.values[base]
  }
  decode(value: number): Base {
    const base = this.byValue.get(value)
    if (base === undefined) throw new GroupExtensionError("InvalidPolicy", `${value} is not a valid ${this.what} base policy`)
    return base
  }
}

const membershipBases = new BaseCodec<MembershipBasePolicy>("membership", {
  allow: 1,
  deny: 2,
  allowIfAdminOrSuperAdmin: 3,
  allowIfSuperAdmin: 4,
})
const metadataBases = new BaseCodec<MetadataBasePolicy>("metadata", {
  allow: 1,
  deny: 2,
  allowIfAdminOrSuperAdmin: 3,
  allowIfSuperAdmin: 4,
})
const permissionsBases = new BaseCodec<PermissionsBasePolicy>("permissions", {
  deny: 1,
  allowIfAdminOrSuperAdmin: 2,
  allowIfSuperAdmin: 3,
})

export const basePolicy = <Base extends string>(base: Base): Policy<Base> => ({ type: "base", base })

/** Structural equality, as libxmtp's derived PartialEq compares policies. */
export function policiesEqual<Base extends string>(a: Policy<Base>, b: Policy<Base>): boolean {
  if (a.type === "base") return b.type === "base" && a.base === b.base
  if (b.type === "base" || a.type !== b.type) return false
  return a.policies.length === b.policies.length && a.policies.every((p, i) => policiesEqual(p, b.policies[i]!))
}

export function encodeGroupPermissions(policies: PolicySet): Uint8Array {
  return new ProtoWriter().message(1, encodePolicySet(policies)).finish()
}

export function decodeGroupPermissions(bytes: Uint8Array): PolicySet {
  const reader = new ProtoReader(bytes)
  const policies = new MessageChunks()
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "GroupMutablePermissionsV1.policies")
      policies.add(reader.lengthDelimited())
    } else {
      reader.skip(key)
    }
  }
  if (!policies.present) throw new GroupExtensionError("MissingField", "GroupMutablePermissionsV1 lacks policies")
  return readPolicySet(reader.nested(policies.merged()))
}

function encodePolicySet(set: PolicySet): Uint8Array {
  return new ProtoWriter()
    .message(1, encodePolicy(set.addMemberPolicy, membershipBases))
    .message(2, encodePolicy(set.removeMemberPolicy, membershipBases))
    .map(3, set.updateMetadataPolicy, (entry, field, policy) => entry.string(1, field).message(2, encodePolicy(policy, metadataBases)))
    .message(4, encodePolicy(set.addAdminPolicy, permissionsBases))
    .message(5, encodePolicy(set.removeAdminPolicy, permissionsBases))
    .message(6, encodePolicy(set.updatePermissionsPolicy, permissionsBases))
    .finish()
}

function encodePolicy<Base extends string>(policy: Policy<Base>, bases: BaseCodec<Base>): Uint8Array {
  const writer = new ProtoWriter()
  if (policy.type === "base") return writer.enumAlways(1, bases.encode(policy.base)).finish()
  const condition = new ProtoWriter().repeatedMessage(1, policy.policies.map((p) => encodePolicy(p, bases))).finish()
  return writer.message(policy.type === "and" ? 2 : 3, condition).finish()
}

/** A policy message as prost holds it before libxmtp converts it: the oneof may be unset. */
type WirePolicy = { kind?: { base: number } | { and: WirePolicy[] } | { any: WirePolicy[] } }

function readPolicySet(reader: ProtoReader): PolicySet {
  const singular = new Map<number, WirePolicy>()
  const metadata = new Map<string, WirePolicy>()
  while (!reader.done()) {
    const key = reader.key()
    if (key.field >= 1 && key.field <= 6) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, `PolicySet field ${key.field}`)
      const nested = reader.nested(reader.lengthDelimited())
      if (key.field === 3) {
        const [field, policy] = readMetadataEntry(nested)
        metadata.set(field, policy)
      } else {
        // A repeated singular message field merges into the earlier occurrence.
        const target = singular.get(key.field) ?? {}
        readWirePolicy(nested, target)
        singular.set(key.field, target)
      }
    } else {
      reader.skip(key)
    }
  }
  // libxmtp's from_proto checks in this order, each with its own error.
  const required = (field: number, name: string) => {
    const policy = singular.get(field)
    if (!policy) throw new GroupExtensionError("MissingField", `PolicySet lacks ${name}`)
    return policy
  }
  const addMemberPolicy = toPolicy(required(1, "add_member_policy"), membershipBases)
  const removeMemberPolicy = toPolicy(required(2, "remove_member_policy"), membershipBases)
  const addAdminPolicy = toPolicy(required(4, "add_admin_policy"), permissionsBases)
  const removeAdminPolicy = toPolicy(required(5, "remove_admin_policy"), permissionsBases)
  const updatePermissionsPolicy = toPolicy(required(6, "update_permissions_policy"), permissionsBases)
  const updateMetadataPolicy = new Map<string, MetadataPolicy>()
  for (const [field, policy] of metadata) updateMetadataPolicy.set(field, toPolicy(policy, metadataBases))
  return { addMemberPolicy, removeMemberPolicy, updateMetadataPolicy, addAdminPolicy, removeAdminPolicy, updatePermissionsPolicy }
}

function readMetadataEntry(reader: ProtoReader): [string, WirePolicy] {
  let field = ""
  // An entry without a value holds the default MetadataPolicy, whose kind is unset.
  const policy: WirePolicy = {}
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "an update_metadata_policy key")
      field = reader.string("an update_metadata_policy key")
    } else if (key.field === 2) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "an update_metadata_policy value")
      readWirePolicy(reader.nested(reader.lengthDelimited()), policy)
    } else {
      reader.skip(key)
    }
  }
  return [field, policy]
}

/** Parses one policy message into `target`, merging as prost merges a oneof. */
function readWirePolicy(reader: ProtoReader, target: WirePolicy): void {
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_VARINT, "a base policy")
      target.kind = { base: reader.int32() }
    } else if (key.field === 2 || key.field === 3) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "a policy condition")
      const condition = readCondition(reader.nested(reader.lengthDelimited()))
      // Same variant: the repeated policies field of the condition concatenates; else replaced.
      if (key.field === 2) target.kind = { and: target.kind && "and" in target.kind ? [...target.kind.and, ...condition] : condition }
      else target.kind = { any: target.kind && "any" in target.kind ? [...target.kind.any, ...condition] : condition }
    } else {
      reader.skip(key)
    }
  }
}

function readCondition(reader: ProtoReader): WirePolicy[] {
  const policies: WirePolicy[] = []
  while (!reader.done()) {
    const key = reader.key()
    if (key.field === 1) {
      reader.expectWireType(key, WIRE_LENGTH_DELIMITED, "a condition's policy")
      const policy: WirePolicy = {}
      readWirePolicy(reader.nested(reader.lengthDelimited()), policy)
      policies.push(policy)
    } else {
      reader.skip(key)
    }
  }
  return policies
}

function toPolicy<Base extends string>(wire: WirePolicy, bases: BaseCodec<Base>): Policy<Base> {
  const kind = wire.kind
  if (!kind) throw new GroupExtensionError("InvalidPolicy", `a ${bases.what} policy has no kind`)
  if ("base" in kind) return basePolicy(bases.decode(kind.base))
  const [type, children] = "and" in kind ? (["and", kind.and] as const) : (["any", kind.any] as const)
  if (children.length === 0) throw new GroupExtensionError("InvalidPolicy", `a ${bases.what} ${type} condition has no policies`)
  return { type, policies: children.map((child) => toPolicy(child, bases)) }
}
