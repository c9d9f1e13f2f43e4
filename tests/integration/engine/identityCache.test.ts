// The association_state cache on a real node: an inbox resolved once is not verified again, and
// later identity updates (a new installation, a revocation) are verified and applied on top of the
// cached state. The observable is the stored log itself: after a state is cached, the updates it
// covers are tampered with in the database, so any re-verification of them would fail.
import { randomBytes } from "node:crypto"
import { join } from "node:path"
import type Database from "better-sqlite3-multiple-ciphers"
import { describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { IdentityResolver } from "../../../src/engine/groups/identityResolver"
import { decodeAssociationState, encodeAssociationState } from "../../../src/engine/identity/associationStateCodec"
import { revokeInstallationsRequest } from "../../../src/engine/identity/clientRequests"
import { associations } from "../../../src/engine/proto/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { openEncryptedDatabase } from "../../../src/engine/storage/encryptedDatabase"
import { clientMigrations } from "../../../src/engine/storage/migrations"
import { type ClientProfile, type EngineHarness, useEngineClients } from "./support/engineHarness"

/** The update with one byte of its first signature flipped: it still decodes, and no longer verifies. */
function tampered(payload: Uint8Array): Uint8Array {
  const update = associations.IdentityUpdate.decode(payload)
  const flipFirstSignature = (value: unknown): boolean => {
    if (value === null || typeof value !== "object" || value instanceof Uint8Array) return false
    for (const [key, field] of Object.entries(value)) {
      if (key === "bytes" && field instanceof Uint8Array && field.length >= 64) {
        field[5] = field[5]! ^ 0xff
        return true
      }
      if (flipFirstSignature(field)) return true
    }
    return false
  }
  if (!flipFirstSignature(update)) throw new Error("the update carries no signature to tamper with")
  return associations.IdentityUpdate.encode(update).finish()
}

describe("identity resolution with the association_state cache", () => {
  let h: EngineHarness
  let api: ApiClient
  let files = 0

  useEngineClients("identity-cache", [], (s) => {
    h = s.h
    api = h.apiClient()
  })

  /** A Parley-registered inbox, and a separate database (with a raw handle on the same file) to resolve it from. */
  async function fixture(name: string) {
    const profile = h.profile(name)
    const client = await h.open(profile)
    const path = join(h.dir, `resolver-${files++}.db`)
    const key = new Uint8Array(randomBytes(32))
    const db = ClientDatabase.open(path, key)
    const raw = openEncryptedDatabase(path, key, clientMigrations)
    const inboxId = client.inboxId
    const sequenceIds = () =>
      (raw.prepare("SELECT sequence_id FROM identity_updates WHERE inbox_id = ? ORDER BY sequence_id").all(inboxId) as Array<{ sequence_id: bigint }>).map(
        (row) => BigInt(row.sequence_id),
      )
    return {
      profile,
      client,
      db,
      raw,
      inboxId,
      sequenceIds,
      /** A resolver with nothing in memory, as after a restart. */
      freshResolver: () => new IdentityResolver(api, db),
      tamperAll: () => tamperWhere(raw, inboxId, -1n),
      close: () => {
        raw.close()
        db.close()
      },
    }
  }

  function tamperWhere(raw: Database.Database, inboxId: string, afterSequenceId: bigint): Map<bigint, Uint8Array> {
    const rows = raw.prepare("SELECT sequence_id, payload FROM identity_updates WHERE inbox_id = ? AND sequence_id > ?").all(inboxId, afterSequenceId) as Array<{
      sequence_id: bigint
      payload: Uint8Array
    }>
    const originals = new Map<bigint, Uint8Array>()
    for (const row of rows) {
      originals.set(BigInt(row.sequence_id), new Uint8Array(row.payload))
      raw.prepare("UPDATE identity_updates SET payload = ? WHERE inbox_id = ? AND sequence_id = ?").run(tampered(row.payload), inboxId, row.sequence_id)
    }
    return originals
  }

  async function secondInstallation(profile: ClientProfile) {
    return h.open({ ...profile, name: `${profile.name}-2`, dbPath: join(h.dir, `${profile.name}-2.db`), dbEncryptionKey: new Uint8Array(randomBytes(32)) })
  }

  it("resolves an unchanged inbox again without verifying its updates or fetching them again", async () => {
    const f = await fixture("unchanged")
    const first = f.freshResolver()
    await first.load([f.inboxId])
    expect((await first.stateAt(f.inboxId)).installationIds).toEqual([f.client.installationId])

    const originals = f.tamperAll()
    const again = f.freshResolver()
    await again.load([f.inboxId])
    expect((await again.stateAt(f.inboxId)).installationIds).toEqual([f.client.installationId])
    // load() asked only for updates after the stored ones, so the tampered rows are still there.
    const stored = f.raw.prepare("SELECT payload FROM identity_updates WHERE inbox_id = ?").all(f.inboxId) as Array<{ payload: Uint8Array }>
    expect(stored.map((row) => Buffer.from(row.payload).toString("hex"))).not.toContain(
      Buffer.from([...originals.values()][0]!).toString("hex"),
    )

    // The control: without the cached state, the same log is verified and refused.
    f.raw.prepare("DELETE FROM association_state WHERE inbox_id = ?").run(f.inboxId)
    await expect(f.freshResolver().stateAt(f.inboxId)).rejects.toMatchObject({ name: "AssociationError" })
    f.close()
  })

  it("verifies and applies an installation added after the state was cached, and only that update", async () => {
    const f = await fixture("grows")
    const resolver = f.freshResolver()
    await resolver.load([f.inboxId])
    await resolver.stateAt(f.inboxId)
    const cachedUpTo = f.sequenceIds().at(-1)!
    f.tamperAll()

    const second = await secondInstallation(f.profile)
    expect(second.inboxId).toBe(f.inboxId)
    const later = f.freshResolver()
    await later.load([f.inboxId])
    expect(f.sequenceIds().length).toBeGreaterThan(1)

    // The new update is verified: tampered with, it is refused; intact, it is applied.
    const originals = tamperWhere(f.raw, f.inboxId, cachedUpTo)
    await expect(later.stateAt(f.inboxId)).rejects.toMatchObject({ name: "AssociationError" })
    for (const [sequenceId, payload] of originals) {
      f.raw.prepare("UPDATE identity_updates SET payload = ? WHERE inbox_id = ? AND sequence_id = ?").run(payload, f.inboxId, sequenceId)
    }
    expect((await later.stateAt(f.inboxId)).installationIds.sort()).toEqual([f.client.installationId, second.installationId].sort())
    f.close()
  })

  it("removes an installation revoked after the state was cached", async () => {
    const f = await fixture("revokes")
    const second = await secondInstallation(f.profile)
    const resolver = f.freshResolver()
    await resolver.load([f.inboxId])
    const before = await resolver.stateAt(f.inboxId)
    expect(before.installationIds.sort()).toEqual([f.client.installationId, second.installationId].sort())
    f.tamperAll()

    const revoke = revokeInstallationsRequest(before, [f.client.installationIdBytes])
    await revoke.addWalletSignature(f.profile.signer)
    await api.identity.publishIdentityUpdate(revoke.toIdentityUpdate())
    const later = f.freshResolver()
    await later.load([f.inboxId])
    expect((await later.stateAt(f.inboxId)).installationIds).toEqual([second.installationId])
    // The state at the earlier sequence id is still served from the cache.
    const earlier = f.sequenceIds().at(-2)!
    expect((await later.stateAt(f.inboxId, earlier)).installationIds.sort()).toEqual(before.installationIds.sort())
    f.close()
  })

  it("drops a cached row that does not decode, or holds another inbox's state, and rebuilds it from the log", async () => {
    const f = await fixture("corrupt")
    const other = await fixture("other")
    const resolver = f.freshResolver()
    await resolver.load([f.inboxId])
    const expected = await resolver.stateAt(f.inboxId)
    const sequenceId = f.sequenceIds().at(-1)!
    const cachedRow = () => f.raw.prepare("SELECT state FROM association_state WHERE inbox_id = ? AND sequence_id = ?").get(f.inboxId, sequenceId) as { state: Uint8Array }
    expect(decodeAssociationState(cachedRow().state, f.inboxId).installationIds).toEqual(expected.installationIds)

    const otherResolver = other.freshResolver()
    await otherResolver.load([other.inboxId])
    for (const bad of [Uint8Array.from([0xde, 0xad, 0xbe, 0xef]), encodeAssociationState(await otherResolver.stateAt(other.inboxId))]) {
      f.raw.prepare("UPDATE association_state SET state = ? WHERE inbox_id = ?").run(bad, f.inboxId)
      expect((await f.freshResolver().stateAt(f.inboxId)).installationIds).toEqual([f.client.installationId])
      expect(decodeAssociationState(cachedRow().state, f.inboxId).installationIds).toEqual([f.client.installationId])
    }
    other.close()
    f.close()
  })

  it("resolves an inbox once when it is asked for concurrently", async () => {
    const f = await fixture("concurrent")
    const resolver = f.freshResolver()
    await resolver.load([f.inboxId])
    const states = await Promise.all([resolver.stateAt(f.inboxId), resolver.stateAt(f.inboxId), resolver.stateAt(f.inboxId, f.sequenceIds().at(-1))])
    expect(states[1]).toBe(states[0])
    expect(states[2]).toBe(states[0])
    f.close()
  })
})
