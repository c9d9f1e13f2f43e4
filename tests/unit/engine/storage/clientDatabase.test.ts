// The client database's table families on a real encrypted file.
import { randomBytes } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ClientDatabase } from "../../../../src/engine/storage/clientDatabase"
import { CursorKind } from "../../../../src/engine/storage/cursors"
import { StoredConversationType, StoredMembershipState } from "../../../../src/engine/storage/groups"
import { IntentKind, IntentState } from "../../../../src/engine/storage/intents"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../../../../src/engine/storage/messages"
import { clientMigrations } from "../../../../src/engine/storage/migrations"

const bytes = (n: number) => new Uint8Array(randomBytes(n))

describe("client database", () => {
  let path: string
  let key: Uint8Array
  let db: ClientDatabase
  const groupId = bytes(16)

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), "parley-clientdb-")), "client.db")
    key = bytes(32)
    db = ClientDatabase.open(path, key)
    db.groups.insert({
      id: groupId,
      createdAtNs: 1n,
      membershipState: StoredMembershipState.Allowed,
      conversationType: StoredConversationType.Group,
      addedByInboxId: "a".repeat(64),
      rotatedAtNs: 0n,
      installationsLastCheckedNs: 0n,
      mlsState: Uint8Array.of(1, 2, 3),
      epoch: 0n,
      isActive: true,
    })
  })
  afterEach(() => db.close())

  const message = (id: number, sentAtNs: bigint): StoredMessage => ({
    id: Uint8Array.of(id),
    groupId,
    decryptedMessageBytes: Uint8Array.of(id),
    sentAtNs,
    kind: StoredMessageKind.Application,
    senderInstallationId: bytes(32),
    senderInboxId: "b".repeat(64),
    deliveryStatus: StoredDeliveryStatus.Published,
    contentType: 1,
    versionMajor: 1,
    versionMinor: 0,
    authorityId: "xmtp.org",
    idempotencyKey: String(id),
    sequenceId: BigInt(id),
    shouldPush: true,
    insertedAtNs: BigInt(id),
  })

  it("applies every migration, in order, and reopens at the same version", () => {
    db.close()
    db = ClientDatabase.open(path, key)
    expect(clientMigrations.map((m) => m.version)).toEqual(clientMigrations.map((_, i) => i + 1))
  })

  it("keeps nanosecond timestamps beyond 2^53 exactly", () => {
    db.messages.insertOrIgnore(message(1, 1_795_436_537_350_461_123n))
    expect(db.messages.find(Uint8Array.of(1))!.sentAtNs).toBe(1_795_436_537_350_461_123n)
  })

  it("moves a cursor forward only", () => {
    expect(db.cursors.get(groupId, CursorKind.Group)).toBe(0n)
    expect(db.cursors.advance(groupId, CursorKind.Group, 5n)).toBe(true)
    expect(db.cursors.advance(groupId, CursorKind.Group, 3n)).toBe(false)
    expect(db.cursors.advance(groupId, CursorKind.Group, 5n)).toBe(false)
    expect(db.cursors.get(groupId, CursorKind.Group)).toBe(5n)
    expect(db.cursors.get(groupId, CursorKind.Welcome)).toBe(0n)
  })

  it("stores a message once per id and lists by sent time, ties in insertion order", () => {
    expect(db.messages.insertOrIgnore(message(3, 20n))).toBe(true)
    expect(db.messages.insertOrIgnore(message(1, 10n))).toBe(true)
    expect(db.messages.insertOrIgnore(message(2, 20n))).toBe(true)
    expect(db.messages.insertOrIgnore(message(2, 99n))).toBe(false)
    expect(db.messages.list([groupId]).map((m) => m.id[0])).toEqual([1, 3, 2])
    expect(db.messages.list([groupId], { direction: "descending", limit: 2 }).map((m) => m.id[0])).toEqual([2, 3])
    expect(db.messages.list([groupId], { sentAfterNs: 10n }).map((m) => m.id[0])).toEqual([3, 2])
  })

  it("refuses a message for a group that does not exist", () => {
    expect(() => db.messages.insertOrIgnore({ ...message(9, 1n), groupId: bytes(16) })).toThrow()
  })

  it("takes an intent through its states and finds it by its payload's hash", () => {
    const id = db.intents.insert({ kind: IntentKind.SendMessage, groupId, data: Uint8Array.of(7), shouldPush: true, messageId: Uint8Array.of(1) })
    expect(db.intents.listByState(groupId, [IntentState.ToPublish]).map((i) => i.id)).toEqual([id])
    const hash = bytes(32)
    db.intents.setPublished(id, { payloadHash: hash, publishedPayload: Uint8Array.of(9), publishedInEpoch: 4n })
    expect(db.intents.findByPayloadHash(hash)).toMatchObject({ id, state: IntentState.Published, publishedInEpoch: 4n })
    db.intents.setToPublish(id)
    expect(db.intents.find(id)).toMatchObject({ state: IntentState.ToPublish })
    expect(db.intents.find(id)!.payloadHash).toBeUndefined()
    db.intents.setCommitted(id, 12n)
    db.intents.setProcessed(id)
    expect(db.intents.find(id)).toMatchObject({ state: IntentState.Processed, sequenceId: 12n })
  })

  it("finds a key package by its init key or by its X-Wing key", () => {
    const initPublicKey = bytes(32)
    const xwing = { publicKey: bytes(1216), privateKey: bytes(32) }
    db.keyPackages.insert({ keyPackageRef: bytes(32), initPublicKey, xwing, keyPackage: bytes(10), privateKeyPackage: bytes(10), createdAtNs: 1n })
    expect(db.keyPackages.findByWelcomeKey(initPublicKey)?.xwing).toEqual(xwing)
    expect(db.keyPackages.findByWelcomeKey(xwing.publicKey)?.initPublicKey).toEqual(initPublicKey)
    expect(db.keyPackages.findByWelcomeKey(bytes(32))).toBeUndefined()
  })

  it("rolls back every write of a failed transaction", () => {
    expect(() =>
      db.transaction(() => {
        db.cursors.advance(groupId, CursorKind.Group, 8n)
        db.groups.updateMlsState(groupId, Uint8Array.of(9), 1n, true)
        throw new Error("crash in the middle")
      }),
    ).toThrow("crash in the middle")
    expect(db.cursors.get(groupId, CursorKind.Group)).toBe(0n)
    expect(db.groups.find(groupId)!.epoch).toBe(0n)
  })
})
