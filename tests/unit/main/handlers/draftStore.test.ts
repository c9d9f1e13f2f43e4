// The draft store on real files: drafts survive a reopen and are never on disk in the clear; a
// file the key cannot open is moved aside (kept) with a typed error, and the store starts empty.
import { randomBytes } from "node:crypto"
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DraftStore } from "../../../../src/main/handlers/draftStore"
import { deriveDraftKey } from "../../../../src/main/handlers/draftStoreCipher"
import { DraftStoreError } from "../../../../src/main/handlers/draftStoreErrors"
import { MAX_DRAFTS } from "../../../../src/shared/dto/drafts"

const A = "aa".repeat(16)
const B = "bb".repeat(16)
const SECRET = "meet me at the old bridge at nine"
const dbKey = new Uint8Array(randomBytes(32))
const key = deriveDraftKey(dbKey)

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-drafts-"))
  file = join(dir, "drafts.bin")
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function unreadable(): { errors: DraftStoreError[]; moved: string[]; listener: (error: DraftStoreError, movedTo: string) => void } {
  const errors: DraftStoreError[] = []
  const moved: string[] = []
  return { errors, moved, listener: (error, movedTo) => (errors.push(error), moved.push(movedTo)) }
}

describe("DraftStore", () => {
  it("keeps drafts per conversation across a reopen, encrypted and private to the user", async () => {
    const store = await DraftStore.open(file, key)
    expect(store.all()).toEqual({})
    await store.set(A, SECRET)
    await store.set(B, "second thoughts")
    await store.set(B, "")
    const reopened = await DraftStore.open(file, key)
    expect(reopened.all()).toEqual({ [A]: SECRET })
    const bytes = await readFile(file)
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false)
    expect(bytes.includes(Buffer.from("bridge"))).toBe(false)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(["drafts.bin"])
  })

  it("derives its own key: the database key itself does not open the file", async () => {
    const store = await DraftStore.open(file, key)
    await store.set(A, SECRET)
    expect(deriveDraftKey(dbKey)).toEqual(key)
    const { errors, listener } = unreadable()
    expect((await DraftStore.open(file, dbKey, listener)).all()).toEqual({})
    expect(errors.map((error) => error.code)).toEqual(["Unreadable"])
  })

  it("coalesces overlapping writes without losing any change", async () => {
    const store = await DraftStore.open(file, key)
    const ids = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(2, "0").repeat(16))
    await Promise.all(ids.map((id, i) => store.set(id, `draft ${i}`)))
    expect(Object.keys((await DraftStore.open(file, key)).all()).sort()).toEqual(ids)
  })

  it("replaces the file atomically: a temporary file left by a crash does not matter", async () => {
    const store = await DraftStore.open(file, key)
    await store.set(A, SECRET)
    await writeFile(`${file}.tmp`, "half a write")
    expect((await DraftStore.open(file, key)).all()).toEqual({ [A]: SECRET })
    await store.set(B, "more")
    expect(await readdir(dir)).toEqual(["drafts.bin"])
  })

  it("moves a file under another key aside with a typed error, starts empty, and keeps the old bytes", async () => {
    const store = await DraftStore.open(file, key)
    await store.set(A, SECRET)
    const original = await readFile(file)
    const { errors, moved, listener } = unreadable()
    const other = await DraftStore.open(file, deriveDraftKey(new Uint8Array(randomBytes(32))), listener)
    expect(other.all()).toEqual({})
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(DraftStoreError)
    expect(errors[0]?.code).toBe("Unreadable")
    expect(await readFile(moved[0]!)).toEqual(original)
    await other.set(B, "fresh")
    // The moved file still opens with the right key.
    expect((await DraftStore.open(moved[0]!, key)).all()).toEqual({ [A]: SECRET })
  })

  it("treats a damaged or foreign file as unreadable", async () => {
    const store = await DraftStore.open(file, key)
    await store.set(A, SECRET)
    const bytes = await readFile(file)
    bytes[bytes.length - 20]! ^= 0xff
    for (const content of [bytes, Buffer.from("{\"version\":1}"), Buffer.alloc(0)]) {
      await writeFile(file, content)
      const { errors, moved, listener } = unreadable()
      expect((await DraftStore.open(file, key, listener)).all()).toEqual({})
      expect(errors.map((error) => error.code)).toEqual(["Unreadable"])
      expect(await readFile(moved[0]!)).toEqual(content)
    }
  })

  it("refuses invalid conversation ids, oversized text, and more drafts than it keeps", async () => {
    const store = await DraftStore.open(file, key)
    await expect(store.set("../x", "hi")).rejects.toThrow()
    await expect(store.set(A, "x".repeat(64 * 1024 + 1))).rejects.toThrow()
    await Promise.all(Array.from({ length: MAX_DRAFTS }, (_, i) => store.set(i.toString(16).padStart(4, "0"), "d")))
    const refused = await store.set(A, "one too many").catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DraftStoreError)
    expect((refused as DraftStoreError).code).toBe("TooMany")
    await store.set("0000", "changing a kept draft is fine")
    expect((await DraftStore.open(file, key)).get("0000")).toBe("changing a kept draft is fine")
  })
})
