// Writing a message: Enter sends, Shift+Enter starts a new line, and an unsent draft is kept per
// conversation while the user looks elsewhere, and by main across restarts (store/drafts.ts). Files picked here (or dropped on the conversation)
// join the conversation's upload queue, shown above the box.
import { type ChangeEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from "react"
import type { ConversationId } from "../../../../shared/dto/identifiers"
import { MAX_INLINE_ATTACHMENT_BYTES } from "../../../../shared/dto/messageRequests"
import { Icon } from "../../components/Icon"
import { UploadQueue } from "../attachments/UploadQueue"
import { sendFiles } from "../attachments/uploads"
import { errorMessage } from "../../lib/errors"
import { contentPreview } from "../../lib/messagePreview"
import { useInboxName } from "../../lib/useInboxName"
import { sendAttachment, sendReply, sendText } from "../../store/actions"
import { editDraft } from "../../store/drafts"
import { setReplyTo, useParley } from "../../store/store"
import "./Composer.css"

const MAX_HEIGHT_PX = 180

export function Composer({ conversationId, label }: { conversationId: ConversationId; label: string }) {
  const draft = useParley((state) => state.drafts[conversationId] ?? "")
  const replyTo = useParley((state) => {
    const id = state.replyTo[conversationId]
    return id ? state.messages[conversationId]?.[id] : undefined
  })
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const name = useInboxName()

  useLayoutEffect(() => {
    const element = input.current
    if (!element) return
    element.style.height = "auto"
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`
  }, [draft])

  useLayoutEffect(() => {
    input.current?.focus()
  }, [conversationId])

  async function send() {
    const text = draft
    if (text.trim() === "" || sending) return
    setSending(true)
    setError(null)
    editDraft(conversationId, "", { saveNow: true })
    const replying = replyTo
    setReplyTo(conversationId, null)
    try {
      if (replying) await sendReply(conversationId, replying.id, text)
      else await sendText(conversationId, text)
    } catch (caught) {
      if (replying) setReplyTo(conversationId, replying.id)
      // Put the text back (unless the user already typed something new) so nothing is lost.
      if ((useParley.getState().drafts[conversationId] ?? "") === "") editDraft(conversationId, text, { saveNow: true })
      setError(errorMessage(caught))
    } finally {
      setSending(false)
      input.current?.focus()
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void send()
    } else if (event.key === "Escape" && replyTo) {
      setReplyTo(conversationId, null)
    }
  }

  function attach(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])]
    event.target.value = ""
    if (files.length > 0) void sendFiles(conversationId, files, sendAttachment)
  }

  return (
    <div className="composer">
      {error && (
        <div className="form-error composer__error" role="alert">
          <Icon name="alert" size={16} />
          <span>Not sent: {error}</span>
        </div>
      )}
      {replyTo && (
        <div className="composer__reply" role="status">
          <span className="composer__reply-text">
            <strong>Replying to {name(replyTo.senderInboxId)}</strong>
            <span>{contentPreview(replyTo.content, name)}</span>
          </span>
          <button type="button" className="icon-button icon-button--small" aria-label="Cancel reply" onClick={() => setReplyTo(conversationId, null)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      <UploadQueue conversationId={conversationId} />
      <div className="composer__box">
        <button type="button" className="icon-button composer__attach" aria-label="Attach files" title={`Attach files (up to ${MAX_INLINE_ATTACHMENT_BYTES / 1_000_000} MB each), or drop them here`} onClick={() => picker.current?.click()}>
          <Icon name="paperclip" size={18} />
        </button>
        <input ref={picker} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={attach} />
        <textarea
          ref={input}
          className="composer__input"
          rows={1}
          aria-label={label}
          placeholder="Write a message…"
          value={draft}
          onChange={(event) => editDraft(conversationId, event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="composer__send" aria-label="Send" title="Send (Enter)" disabled={draft.trim() === "" || sending} onClick={() => void send()}>
          <Icon name="send" size={18} />
        </button>
      </div>
      <p className="composer__hint">Enter to send · Shift+Enter for a new line · Drop files to attach</p>
    </div>
  )
}
