import { mkdtemp, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { KeychainService } from "../../../src/main/keychain"
import { FileSecretStore } from "../../../src/webhost/fileSecretStore"

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-devkeys-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("the web host's file-backed key store", () => {
  it("keeps entries per service and account in a file only its owner reads", async () => {
    const file = join(dir, "keys", "dev-keystore.json")
    const store = new FileSecretStore(file)
    expect(await store.getPassword("svc", "alice")).toBeNull()
    await Promise.all([store.setPassword("svc", "alice", "one"), store.setPassword("svc", "bob", "two"), store.setPassword("other", "alice", "three")])
    const reopened = new FileSecretStore(file)
    expect(await reopened.getPassword("svc", "alice")).toBe("one")
    expect(await reopened.getPassword("svc", "bob")).toBe("two")
    expect(await reopened.getPassword("other", "alice")).toBe("three")
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it("serves the keychain service, which keeps the same keys across runs", async () => {
    const file = join(dir, "dev-keystore.json")
    const first = await new KeychainService({ store: new FileSecretStore(file) }).loadOrCreate("alice")
    const second = await new KeychainService({ store: new FileSecretStore(file) }).loadOrCreate("alice")
    expect(second.address).toBe(first.address)
    expect(second.created).toBe(false)
  })

  it("refuses a damaged file instead of replacing the keys in it", async () => {
    const file = join(dir, "dev-keystore.json")
    await writeFile(file, "[1, 2]")
    await expect(new FileSecretStore(file).getPassword("svc", "alice")).rejects.toThrow()
  })
})
