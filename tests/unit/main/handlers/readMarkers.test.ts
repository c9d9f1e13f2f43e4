import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ReadMarkers } from "../../../../src/main/handlers/readMarkers"

const A = "ab".repeat(16)
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-read-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("read markers", () => {
  it("start at zero, only move forward, and survive a reopen", async () => {
    const file = join(dir, "read-markers.json")
    const markers = await ReadMarkers.open(file)
    expect(markers.readUpTo(A)).toBe(0n)
    await markers.markRead(A, 20n)
    await markers.markRead(A, 10n)
    expect(markers.readUpTo(A)).toBe(20n)
    expect((await ReadMarkers.open(file)).readUpTo(A)).toBe(20n)
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, readUpToNs: { [A]: "20" } })
  })

  it("start over from an unreadable file", async () => {
    const file = join(dir, "read-markers.json")
    await writeFile(file, "{broken")
    expect((await ReadMarkers.open(file)).readUpTo(A)).toBe(0n)
  })

  it("tell listeners of every read, after the marker is saved, whether or not it moved", async () => {
    const file = join(dir, "read-markers.json")
    const markers = await ReadMarkers.open(file)
    const heard: [string, bigint][] = []
    const stop = markers.onRead((id) => heard.push([id, markers.readUpTo(id)]))
    await markers.markRead(A, 20n)
    await markers.markRead(A, 10n)
    stop()
    await markers.markRead(A, 30n)
    expect(heard).toEqual([
      [A, 20n],
      [A, 20n],
    ])
  })
})
