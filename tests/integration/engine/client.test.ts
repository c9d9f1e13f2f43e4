// Client.create: registration happens once; reopening the same database resumes the same
// installation without touching the network's identity; a wrong key or another account's signer
// is refused with a typed error and leaves the database as it was.
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { Client, ClientError, createEoaSigner, StorageError } from "../../../src/engine/index"
import type { AssociationTypes } from "../../../src/engine/proto/index"
import { type EngineHarness, useEngineClients } from "./support/engineHarness"

describe("Client.create", () => {
  let h: EngineHarness
  let api: ApiClient

  useEngineClients("client", [], (s) => {
    h = s.h
    api = h.apiClient()
  })

  const identityLog = async (inboxId: string) => (await api.identity.getIdentityUpdates([{ inboxId, sequenceId: 0n }]))[0]!.updates
  /** Which action each entry of an identity update is (create inbox, add, revoke, ...). */
  const actionKinds = (update: AssociationTypes.IdentityUpdate) =>
    update.actions.map((action) => Object.entries(action).flatMap(([kind, value]) => (value === undefined ? [] : [kind])))

  it("registers a new installation once: one key package, one identity update with create inbox and add installation", async () => {
    const profile = h.profile("ada")
    const client = await h.open(profile)
    expect(client.isRegistered).toBe(true)
    expect(client.inboxId).toMatch(/^[0-9a-f]{64}$/)
    expect(client.installationId).toMatch(/^[0-9a-f]{64}$/)
    const log = await identityLog(client.inboxId)
    expect(log).toHaveLength(1)
    expect(actionKinds(log[0]!.update)).toEqual([["createInbox"], ["add"]])
    const [keyPackage] = await api.mls.fetchKeyPackages([client.installationIdBytes])
    expect(keyPackage).toBeDefined()

    const reopened = await h.reopen(client, profile)
    expect(reopened.inboxId).toBe(client.inboxId)
    expect(reopened.installationId).toBe(client.installationId)
    expect(await identityLog(client.inboxId)).toHaveLength(1)
    expect((await api.mls.fetchKeyPackages([client.installationIdBytes]))[0]).toEqual(keyPackage)
  })

  it("adds a second installation to an account's existing inbox", async () => {
    const signer = createEoaSigner()
    const first = await h.open({ ...h.profile("bea-laptop"), signer })
    const second = await h.open({ ...h.profile("bea-phone"), signer })
    expect(second.inboxId).toBe(first.inboxId)
    expect(second.installationId).not.toBe(first.installationId)
    const log = await identityLog(first.inboxId)
    expect(log).toHaveLength(2)
    expect(actionKinds(log[1]!.update)).toEqual([["add"]])
  })

  it("refuses a wrong database key with the storage layer's typed error, leaving the file untouched", async () => {
    const profile = h.profile("cy")
    await h.closeClient(await h.open(profile))
    const before = readFileSync(profile.dbPath)
    const attempt = Client.create(profile.signer, { apiUrl: h.address, dbPath: profile.dbPath, dbEncryptionKey: new Uint8Array(randomBytes(32)) })
    await expect(attempt).rejects.toBeInstanceOf(StorageError)
    await expect(attempt).rejects.toMatchObject({ code: "WrongKey" })
    expect(readFileSync(profile.dbPath).equals(before)).toBe(true)
  })

  it("refuses a database that belongs to another account", async () => {
    const profile = h.profile("dee")
    await h.closeClient(await h.open(profile))
    const attempt = Client.create(createEoaSigner(), { apiUrl: h.address, dbPath: profile.dbPath, dbEncryptionKey: profile.dbEncryptionKey })
    await expect(attempt).rejects.toBeInstanceOf(ClientError)
    await expect(attempt).rejects.toMatchObject({ code: "IdentityMismatch" })
  })

  it("accepts the encryption key as hex, as the SDK does", async () => {
    const profile = h.profile("eve")
    const client = await Client.create(profile.signer, {
      apiUrl: h.address,
      dbPath: profile.dbPath,
      dbEncryptionKey: `0x${Buffer.from(profile.dbEncryptionKey).toString("hex")}`,
    })
    await client.close()
    const again = await h.open(profile)
    expect(again.installationId).toBe(client.installationId)
  })
})
