import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { readSettingsFile, SettingsStore } from "../../../src/main/settingsStore"
import { DEFAULT_APP_SETTINGS } from "../../../src/shared/dto/settings"

const A = "aa".repeat(16)
const B = "bb".repeat(16)

describe("SettingsStore", () => {
  let dir: string
  let file: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "parley-settings-"))
    file = join(dir, "settings.json")
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("starts from the defaults when there is no file", async () => {
    const store = await SettingsStore.open(file)
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS)
    expect(await readdir(dir)).toEqual([])
  })

  it("persists changes, readable by the next run, private to the user", async () => {
    const store = await SettingsStore.open(file)
    await store.update({ notifications: { previews: "hidden" } })
    await store.setConversationMuted(A, true)
    await store.setConversationMuted(B, true)
    await store.setConversationMuted(A, false)
    await store.update({ sendReadReceipts: false })
    const expected = { notifications: { enabled: true, previews: "hidden" }, mutedConversationIds: [B], sendReadReceipts: false, network: { kind: "embedded" } }
    expect(store.get()).toEqual(expected)
    expect((await SettingsStore.open(file)).get()).toEqual(expected)
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(expected)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(["settings.json"])
  })

  it("applies overlapping changes in order without losing any", async () => {
    const store = await SettingsStore.open(file)
    const ids = Array.from({ length: 10 }, (_, i) => i.toString(16).padStart(2, "0").repeat(16))
    await Promise.all(ids.map((id) => store.setConversationMuted(id, true)))
    expect((await SettingsStore.open(file)).get().mutedConversationIds).toEqual(ids)
  })

  it("tells listeners about each change", async () => {
    const store = await SettingsStore.open(file)
    const seen: boolean[] = []
    const stop = store.onChange((settings) => seen.push(settings.notifications.enabled))
    await store.update({ notifications: { enabled: false } })
    stop()
    await store.update({ notifications: { enabled: true } })
    expect(seen).toEqual([false])
  })

  it("refuses invalid values without writing them", async () => {
    const store = await SettingsStore.open(file)
    await expect(store.setConversationMuted("../../x", true)).rejects.toThrow()
    await expect(store.update({ notifications: { previews: "everything" as never } })).rejects.toThrow()
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS)
    expect(await readdir(dir)).toEqual([])
  })

  it("moves an unreadable file aside and starts from the defaults", async () => {
    for (const content of ["{ not json", JSON.stringify({ notifications: { enabled: "yes" }, mutedConversationIds: [] })]) {
      await writeFile(file, content)
      const moved: string[] = []
      const store = await SettingsStore.open(file, (movedTo, reason) => moved.push(`${movedTo} ${reason}`))
      expect(store.get()).toEqual(DEFAULT_APP_SETTINGS)
      expect(moved).toHaveLength(1)
      const aside = moved[0]!.split(" ")[0]!
      expect(await readFile(aside, "utf8")).toBe(content)
      await rm(aside)
    }
  })

  it("reads a file written before read receipts and the network were settings, with receipts on and the embedded node", async () => {
    const older = { notifications: { enabled: false, previews: "nameOnly" }, mutedConversationIds: [A] }
    await writeFile(file, JSON.stringify(older))
    const moved: string[] = []
    const store = await SettingsStore.open(file, (movedTo) => moved.push(movedTo))
    expect(store.get()).toEqual({ ...older, sendReadReceipts: true, network: { kind: "embedded" } })
    expect(moved).toEqual([])
  })

  it("keeps a remote node for the next run and refuses one that is not an http(s) URL", async () => {
    const store = await SettingsStore.open(file)
    await store.setNetwork({ kind: "remote", url: "https://node.example.com:5556" })
    expect((await SettingsStore.open(file)).get().network).toEqual({ kind: "remote", url: "https://node.example.com:5556" })
    await expect(store.setNetwork({ kind: "remote", url: "ftp://node.example.com" })).rejects.toThrow(/http:\/\/ or https:\/\//)
    expect((await SettingsStore.open(file)).get().network).toEqual({ kind: "remote", url: "https://node.example.com:5556" })
    await store.setNetwork({ kind: "embedded" })
    expect((await readSettingsFile(file)).network).toEqual({ kind: "embedded" })
  })

  it("lets another thread follow the file: the current settings, or the defaults without one", async () => {
    expect(await readSettingsFile(file)).toEqual(DEFAULT_APP_SETTINGS)
    const store = await SettingsStore.open(file)
    await store.update({ sendReadReceipts: false })
    expect((await readSettingsFile(file)).sendReadReceipts).toBe(false)
    await writeFile(file, "{ damaged")
    expect(await readSettingsFile(file)).toEqual(DEFAULT_APP_SETTINGS)
    expect(await readFile(file, "utf8")).toBe("{ damaged")
  })
})
