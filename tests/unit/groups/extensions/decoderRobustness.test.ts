// Garbage never crashes a decoder: random bytes, and valid encodings with bytes flipped, cut or
// spliced, either decode or fail with a GroupExtensionError, never another exception. A seeded
// generator keeps the inputs the same on every run.
import { describe, expect, it } from "vitest"
import { GroupExtensionError } from "../../../../src/engine/groups/extensions/errors"
import { newDmContextExtensions, newGroupContextExtensions } from "../../../../src/engine/groups/extensions/groupContextExtensions"
import { decodeGroupMembership } from "../../../../src/engine/groups/extensions/groupMembership"
import { decodeGroupMetadata, decodeImmutableMetadataExtension } from "../../../../src/engine/groups/extensions/immutableMetadata"
import { decodeGroupMutableMetadata } from "../../../../src/engine/groups/extensions/mutableMetadata"
import { decodeGroupPermissions } from "../../../../src/engine/groups/extensions/permissions"

/** mulberry32: a small seeded generator, enough to spread inputs over the byte space. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const decoders: Record<string, (bytes: Uint8Array) => unknown> = {
  "0xf000 extension": decodeImmutableMetadataExtension,
  GroupMetadataV1: decodeGroupMetadata,
  GroupMutableMetadataV1: decodeGroupMutableMetadata,
  GroupMembership: decodeGroupMembership,
  GroupMutablePermissionsV1: decodeGroupPermissions,
}

/** Valid encodings of each extension, by type, to mutate. */
function seeds(): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>()
  const lists = [newGroupContextExtensions({ creatorInboxId: "c".repeat(64) }), newDmContextExtensions({ creatorInboxId: "a", peerInboxId: "b" })]
  for (const list of lists) {
    for (const e of list) if (e.extensionData instanceof Uint8Array) out.set(e.extensionType, [...(out.get(e.extensionType) ?? []), e.extensionData])
  }
  return out
}

function mutate(random: () => number, input: Uint8Array): Uint8Array {
  const bytes = input.slice()
  const at = () => Math.floor(random() * bytes.length)
  switch (Math.floor(random() * 4)) {
    case 0:
      for (let i = 0; i < 1 + random() * 4; i++) bytes[at()] = Math.floor(random() * 256)
      return bytes
    case 1:
      return bytes.subarray(0, at())
    case 2:
      return Uint8Array.of(...bytes.subarray(0, at()), ...Array.from({ length: 1 + random() * 8 }, () => Math.floor(random() * 256)), ...bytes.subarray(at()))
    default: {
      const index = at()
      bytes[index] = (bytes[index] ?? 0) ^ (1 << Math.floor(random() * 8))
      return bytes
    }
  }
}

function outcome(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): "decoded" | "typed error" {
  try {
    decode(bytes)
    return "decoded"
  } catch (error) {
    if (error instanceof GroupExtensionError) return "typed error"
    throw new Error(`untyped failure on ${Buffer.from(bytes).toString("hex")}: ${String(error)}`)
  }
}

describe("decoders on hostile input", () => {
  it.each(Object.entries(decoders))("%s fails only with GroupExtensionError on random bytes", (_, decode) => {
    const random = generator(0x5eed)
    const results = new Set<string>()
    for (let i = 0; i < 3000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256))
      results.add(outcome(decode, bytes))
    }
    expect(results).toContain("typed error")
  })

  it("every decoder fails only with GroupExtensionError on mutated valid encodings", () => {
    const random = generator(0xc0ffee)
    const byType: [number, (bytes: Uint8Array) => unknown][] = [
      [0xf000, decodeImmutableMetadataExtension],
      [0xff00, decodeGroupMutableMetadata],
      [0xff01, decodeGroupMembership],
      [0xff02, decodeGroupPermissions],
    ]
    const valid = seeds()
    for (const [type, decode] of byType) {
      const results = new Set<string>()
      for (const seed of valid.get(type)!) {
        expect(outcome(decode, seed)).toBe("decoded")
        for (let i = 0; i < 1500; i++) results.add(outcome(decode, mutate(random, seed)))
      }
      expect(results).toEqual(new Set(["decoded", "typed error"]))
    }
  })
})
