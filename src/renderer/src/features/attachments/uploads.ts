// Files on their way out. Each conversation sends its files one at a time, in the order they were
// picked or dropped, and the composer shows the queue: which file is sending ("2 of 3"), and which
// failed and why (until the user dismisses them). Files Parley cannot send fail at once. Sent files
// stay counted until the conversation's queue is empty, so the count does not jump back.
import { create } from "zustand"
import type { ConversationId } from "../../../../shared/dto/identifiers"
import { errorMessage } from "../../lib/errors"
import { outgoingFileProblem } from "./attachmentFiles"

export type UploadState = "waiting" | "sending" | "sent" | "failed"

export interface Upload {
  id: number
  conversationId: ConversationId
  filename: string
  size: number
  state: UploadState
  /** Why it failed, for the user. */
  error?: string
}

export const useUploads = create<{ uploads: Upload[] }>()(() => ({ uploads: [] }))

/** Sends one file; resolves once the message is sent (the store's sendAttachment in the app). */
export type SendFile = (conversationId: ConversationId, file: File) => Promise<void>

let nextId = 1
const queues = new Map<ConversationId, Promise<void>>()

function update(id: number, patch: Partial<Upload>): void {
  useUploads.setState((state) => ({ uploads: state.uploads.map((upload) => (upload.id === id ? { ...upload, ...patch } : upload)) }))
}

export function dismissUpload(id: number): void {
  useUploads.setState((state) => ({ uploads: state.uploads.filter((upload) => upload.id !== id) }))
}

/** Queues `files` for the conversation; resolves when every one of them has been sent or has failed. */
export function sendFiles(conversationId: ConversationId, files: readonly File[], send: SendFile): Promise<void> {
  const queued = files.map((file) => {
    const problem = outgoingFileProblem(file)
    const upload: Upload = { id: nextId++, conversationId, filename: file.name, size: file.size, state: problem ? "failed" : "waiting", ...(problem ? { error: problem } : {}) }
    return { file, upload }
  })
  useUploads.setState((state) => ({ uploads: [...state.uploads, ...queued.map((entry) => entry.upload)] }))
  const sendable = queued.filter((entry) => entry.upload.state === "waiting")
  const previous = queues.get(conversationId) ?? Promise.resolve()
  const done = previous.then(async () => {
    for (const { file, upload } of sendable) {
      update(upload.id, { state: "sending" })
      try {
        await send(conversationId, file)
        update(upload.id, { state: "sent" })
      } catch (error) {
        update(upload.id, { state: "failed", error: errorMessage(error) })
      }
    }
  })
  queues.set(conversationId, done)
  void done.finally(() => {
    if (queues.get(conversationId) !== done) return
    queues.delete(conversationId)
    useUploads.setState((state) => ({ uploads: state.uploads.filter((upload) => upload.conversationId !== conversationId || upload.state !== "sent") }))
  })
  return done
}

/** Where a conversation's queue stands: the file sending and its place among the files of this run ("2 of 3"). */
export function uploadProgress(uploads: readonly Upload[]): { active: Upload | undefined; position: number; total: number } {
  const counted = uploads.filter((upload) => upload.state !== "failed")
  const active = counted.find((upload) => upload.state === "sending")
  const sent = counted.filter((upload) => upload.state === "sent").length
  return { active, position: active ? sent + 1 : sent, total: counted.length }
}
