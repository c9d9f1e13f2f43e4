import { beforeEach, describe, expect, it } from "vitest"
import { dismissUpload, sendFiles, type Upload, uploadProgress, useUploads } from "../../../src/renderer/src/features/attachments/uploads"

const CONVERSATION = "0e".repeat(16)
const OTHER = "d0".repeat(16)

function file(name: string, size = 10): File {
  return new File([new Uint8Array(size).fill(7)], name)
}

function mine(): Upload[] {
  return useUploads.getState().uploads.filter((upload) => upload.conversationId === CONVERSATION)
}

describe("the upload queue", () => {
  beforeEach(() => useUploads.setState({ uploads: [] }))

  it("sends one file at a time, in order, counting each run's place", async () => {
    const seen: { name: string; progress: ReturnType<typeof uploadProgress> }[] = []
    await sendFiles(CONVERSATION, [file("a.png"), file("b.png"), file("c.png")], async (_id, sent) => {
      seen.push({ name: sent.name, progress: uploadProgress(mine()) })
    })
    expect(seen.map((entry) => entry.name)).toEqual(["a.png", "b.png", "c.png"])
    expect(seen.map((entry) => `${entry.progress.active?.filename} ${entry.progress.position}/${entry.progress.total}`)).toEqual(["a.png 1/3", "b.png 2/3", "c.png 3/3"])
    // A finished run leaves nothing behind.
    await Promise.resolve()
    expect(mine()).toEqual([])
  })

  it("keeps failures with their reason until dismissed, and carries on with the next file", async () => {
    const sent: string[] = []
    await sendFiles(CONVERSATION, [file("empty.txt", 0), file("broken.png"), file("fine.png")], async (_id, upload) => {
      if (upload.name === "broken.png") throw new Error("the node is unreachable")
      sent.push(upload.name)
    })
    await Promise.resolve()
    expect(sent).toEqual(["fine.png"])
    const failed = mine()
    expect(failed.map((upload) => [upload.filename, upload.state, upload.error])).toEqual([
      ["empty.txt", "failed", "empty.txt is empty."],
      ["broken.png", "failed", "the node is unreachable"],
    ])
    for (const upload of failed) dismissUpload(upload.id)
    expect(mine()).toEqual([])
  })

  it("queues a second batch behind the first, while other conversations send at once", async () => {
    const order: string[] = []
    let releaseFirst: () => void = () => undefined
    const first = sendFiles(CONVERSATION, [file("first.png")], async (_id, sent) => {
      order.push(`start ${sent.name}`)
      await new Promise<void>((resolve) => (releaseFirst = resolve))
      order.push(`end ${sent.name}`)
    })
    const second = sendFiles(CONVERSATION, [file("second.png")], async (_id, sent) => void order.push(`start ${sent.name}`))
    await sendFiles(OTHER, [file("elsewhere.png")], async (_id, sent) => void order.push(`start ${sent.name}`))
    expect(mine().map((upload) => upload.state)).toEqual(["sending", "waiting"])
    releaseFirst()
    await Promise.all([first, second])
    expect(order).toEqual(["start first.png", "start elsewhere.png", "end first.png", "start second.png"])
  })
})
