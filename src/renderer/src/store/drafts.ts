// Drafts kept by main across restarts: loaded when the session starts, saved after a pause in
// typing (and at once when the text is sent or the page goes away), so a restart loses at most the
// last keystrokes of a crash.
import type { ConversationId } from "../../../shared/dto/identifiers"
import { MAX_TEXT_MESSAGE_BYTES } from "../../../shared/dto/messageRequests"
import { request } from "../bridge/api"
import { errorInfo, errorMessage } from "../lib/errors"
import { notify, setDraft, useParley } from "./store"

const SAVE_DELAY_MS = 400
const encoder = new TextEncoder()
const waiting = new Map<ConversationId, ReturnType<typeof setTimeout>>()
// Saves go out one after another, so an older text never lands after a newer one.
let saving: Promise<void> = Promise.resolve()

/** Loads the saved drafts; text typed before they arrived wins over the saved one. */
export async function loadDrafts(): Promise<void> {
  try {
    const saved = await request("drafts:get")
    useParley.setState((state) => ({ drafts: { ...saved, ...Object.fromEntries(Object.entries(state.drafts).filter(([, text]) => text !== "")) } }))
  } catch (error) {
    if (errorInfo(error).code !== "NotAvailable") notify("error", `Your saved drafts could not be loaded: ${errorMessage(error)}`)
  }
}

/** The composer's text changed: into the store at once, to main after a pause (or now). */
export function editDraft(conversationId: ConversationId, text: string, options: { saveNow?: boolean } = {}): void {
  setDraft(conversationId, text)
  clearTimeout(waiting.get(conversationId))
  waiting.delete(conversationId)
  if (options.saveNow) save(conversationId)
  else waiting.set(conversationId, setTimeout(() => (waiting.delete(conversationId), save(conversationId)), SAVE_DELAY_MS))
}

/** Saves every draft still waiting for its pause. */
function flushDrafts(): void {
  for (const [conversationId, timer] of waiting) {
    clearTimeout(timer)
    save(conversationId)
  }
  waiting.clear()
}

/** Flushes the drafts when the page is hidden or unloaded (a reload, a closed window); returns the function that stops. */
export function saveDraftsOnLeave(): () => void {
  const leave = () => flushDrafts()
  window.addEventListener("pagehide", leave)
  return () => window.removeEventListener("pagehide", leave)
}

function save(conversationId: ConversationId): void {
  const text = useParley.getState().drafts[conversationId] ?? ""
  // Text too long to send is too long to keep; the composer says so when it is sent.
  if (encoder.encode(text).length > MAX_TEXT_MESSAGE_BYTES) return
  saving = saving
    .then(() => request("drafts:set", conversationId, text))
    .then(
      () => undefined,
      (error: unknown) => {
        if (errorInfo(error).code !== "NotAvailable") notify("error", `Your draft could not be saved: ${errorMessage(error)}`)
      },
    )
}
