// Reading parsed JSON into typed values with serde's derive(Deserialize) rules, as libxmtp 1.10's
// JSON content types are read: a struct comes from an object (unknown keys ignored, a key given
// twice or under two of its aliases refused, a missing non-Option field refused) or from an array
// of its fields in order; String, u32 and f64 accept only their JSON kinds; a HashMap keeps the
// last of repeated keys; a unit enum is its name, or an object holding only its name and null.
import { JsonError, type JsonNode } from "./serdeJsonParse"
import { jsonF64, type JsonValue } from "./serdeJsonWrite"

export interface FieldSpec {
  name: string
  aliases?: readonly string[]
  /** Option<T> fields may be missing from an object. */
  optional?: boolean
  /** #[serde(default)] fields may also be missing from the array form. */
  hasDefault?: boolean
}

export type StructFields = ReadonlyMap<string, JsonNode>

const U32_MAX = 0xffff_ffffn

function describe(node: JsonNode): string {
  switch (node.kind) {
    case "number":
      return node.number.kind === "f64" ? "floating point" : "integer"
    case "bool":
      return "boolean"
    case "array":
      return "sequence"
    case "object":
      return "map"
    default:
      return node.kind
  }
}

function invalidType(node: JsonNode, expected: string): never {
  throw new JsonError(`invalid type: ${describe(node)}, expected ${expected}`)
}

/** The fields of a struct, by name; `allowArray` is false for structs with a flattened field. */
export function readStruct(node: JsonNode, struct: string, fields: readonly FieldSpec[], allowArray = true): StructFields {
  const found = new Map<string, JsonNode>()
  if (node.kind === "array" && allowArray) {
    fields.forEach((field, index) => {
      const item = node.items[index]
      if (item !== undefined) found.set(field.name, item)
      else if (!field.hasDefault) throw new JsonError(`invalid length ${index}, expected struct ${struct} with ${fields.length} elements`)
    })
    if (node.items.length > fields.length) throw new JsonError(`trailing characters after struct ${struct}`)
    return found
  }
  if (node.kind !== "object") return invalidType(node, `struct ${struct}`)
  for (const [key, value] of node.entries) {
    const field = fields.find((f) => f.name === key || f.aliases?.includes(key))
    if (!field) continue
    if (found.has(field.name)) throw new JsonError(`duplicate field \`${field.name}\``)
    found.set(field.name, value)
  }
  for (const field of fields) {
    if (!found.has(field.name) && !field.optional && !field.hasDefault) throw new JsonError(`missing field \`${field.name}\``)
  }
  return found
}

/** A field readStruct has checked is present (a required one, or one whose absence was allowed and is handled). */
export function requiredField(fields: StructFields, name: string): JsonNode {
  const node = fields.get(name)
  if (node === undefined) throw new JsonError(`missing field \`${name}\``)
  return node
}

/** The keys of an object that no field of the struct claims, in order: a `#[serde(flatten)]` map's share. */
export function unclaimedEntries(node: JsonNode, fields: readonly FieldSpec[]): Array<[string, JsonNode]> {
  if (node.kind !== "object") return []
  return node.entries.filter(([key]) => !fields.some((f) => f.name === key || f.aliases?.includes(key)))
}

export function readString(node: JsonNode): string {
  return node.kind === "string" ? node.value : invalidType(node, "a string")
}

export function readU32(node: JsonNode): number {
  if (node.kind !== "number" || node.number.kind === "f64") return invalidType(node, "u32")
  if (node.number.value < 0n || node.number.value > U32_MAX) throw new JsonError(`invalid value: integer \`${node.number.value}\`, expected u32`)
  return Number(node.number.value)
}

export function readF64(node: JsonNode): number {
  if (node.kind !== "number") return invalidType(node, "f64")
  return node.number.kind === "f64" ? node.number.value : Number(node.number.value)
}

/** An Option<T> field: missing or null is None. */
export function readOption<T>(node: JsonNode | undefined, read: (node: JsonNode) => T): T | undefined {
  return node === undefined || node.kind === "null" ? undefined : read(node)
}

export function readVec<T>(node: JsonNode, read: (node: JsonNode) => T): T[] {
  return node.kind === "array" ? node.items.map(read) : invalidType(node, "a sequence")
}

/** A HashMap<String, T>: repeated keys keep the last value. */
export function readMap<T>(node: JsonNode, read: (node: JsonNode) => T): Record<string, T> {
  if (node.kind !== "object") return invalidType(node, "a map")
  return Object.fromEntries(node.entries.map(([key, value]) => [key, read(value)]))
}

export function readUnitEnum<T extends string>(node: JsonNode, variants: readonly T[]): T {
  const name = node.kind === "string" ? node.value : singleNullEntry(node)
  const variant = variants.find((v) => v === name)
  if (variant === undefined) throw new JsonError(`unknown variant \`${String(name)}\`, expected one of ${variants.join(", ")}`)
  return variant
}

function singleNullEntry(node: JsonNode): string {
  if (node.kind !== "object" || node.entries.length !== 1) return invalidType(node, "an enum variant")
  const [[name, value] = ["", node]] = node.entries
  if (value.kind !== "null") return invalidType(value, "unit variant")
  return name
}

/** A serde_json::Value as the node bindings hand it to JavaScript (integers become numbers). */
export function toJsonValue(node: JsonNode): JsonValue {
  switch (node.kind) {
    case "null":
      return null
    case "bool":
    case "string":
      return node.value
    case "number":
      return node.number.kind === "f64" ? node.number.value : Number(node.number.value)
    case "array":
      return node.items.map(toJsonValue)
    case "object":
      return Object.fromEntries(node.entries.map(([key, value]) => [key, toJsonValue(value)]))
  }
}

/** serde_json's Display of a Number: integers as they are, floats as ryu prints them. */
export function numberText(node: JsonNode & { kind: "number" }): string {
  return node.number.kind === "f64" ? jsonF64(node.number.value) : node.number.value.toString()
}
