// Files dropped anywhere on a conversation are sent to it, like files picked in the composer. The
// overlay appears only while files (not text or links) are dragged over, and only where the user
// may send.
import { type DragEvent, type ReactNode, useRef, useState } from "react"
import type { ConversationId } from "../../../../shared/dto/identifiers"
import { MAX_INLINE_ATTACHMENT_BYTES } from "../../../../shared/dto/messageRequests"
import { Icon } from "../../components/Icon"
import { sendAttachment } from "../../store/actions"
import { dragCarriesFiles } from "./attachmentFiles"
import { sendFiles } from "./uploads"
import "./attachments.css"

interface Props {
  conversationId: ConversationId
  title: string
  /** False where the user may not send (a request not yet accepted, a group they left). */
  enabled: boolean
  children: ReactNode
}

export function AttachmentDropZone({ conversationId, title, enabled, children }: Props) {
  const [over, setOver] = useState(false)
  // dragenter/dragleave fire for every child crossed; the count says when the drag really left.
  const depth = useRef(0)

  function accepts(event: DragEvent): boolean {
    return enabled && dragCarriesFiles([...event.dataTransfer.types])
  }

  function onDragEnter(event: DragEvent) {
    if (!accepts(event)) return
    event.preventDefault()
    depth.current += 1
    setOver(true)
  }

  function onDragOver(event: DragEvent) {
    if (!accepts(event)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = "copy"
  }

  function onDragLeave(event: DragEvent) {
    if (!accepts(event)) return
    depth.current = Math.max(0, depth.current - 1)
    if (depth.current === 0) setOver(false)
  }

  function onDrop(event: DragEvent) {
    depth.current = 0
    setOver(false)
    if (!accepts(event)) return
    event.preventDefault()
    const files = [...event.dataTransfer.files]
    if (files.length > 0) void sendFiles(conversationId, files, sendAttachment)
  }

  return (
    <div className="drop-zone" onDragEnter={onDragEnter} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {children}
      {over && (
        <div className="drop-zone__overlay" aria-hidden="true">
          <Icon name="upload" size={28} />
          Drop to send to {title}
          <span>Files up to {MAX_INLINE_ATTACHMENT_BYTES / 1_000_000} MB</span>
        </div>
      )}
    </div>
  )
}
