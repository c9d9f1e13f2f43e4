// Attachments: inline ones are shown at once (images) or offered for saving; remote ones are
// described until the user asks main to download and decrypt them.
import { useEffect, useState } from "react"
import type { InlineAttachment, RemoteAttachmentInfo } from "../../../../../shared/dto/messageContent"
import { request } from "../../../bridge/api"
import { Icon } from "../../../components/Icon"
import { errorMessage } from "../../../lib/errors"

// SVG can carry script; only raster formats are shown inline.
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"])

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function useObjectUrl(attachment: InlineAttachment | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!attachment) return
    const created = URL.createObjectURL(new Blob([attachment.data as Uint8Array<ArrayBuffer>], { type: attachment.mimeType }))
    setUrl(created)
    return () => URL.revokeObjectURL(created)
  }, [attachment])
  return url
}

export function AttachmentView({ attachment }: { attachment: InlineAttachment }) {
  const url = useObjectUrl(attachment)
  const name = attachment.filename ?? "attachment"
  if (url && INLINE_IMAGE_TYPES.has(attachment.mimeType)) return <img className="attachment-image" src={url} alt={name} />
  return (
    <a className="attachment-file" href={url ?? undefined} download={name}>
      <Icon name="copy" size={18} />
      <span>
        <span className="attachment-file__name">{name}</span>
        <span className="attachment-file__size">{formatSize(attachment.data.byteLength)}</span>
      </span>
    </a>
  )
}

export function RemoteAttachmentView({ messageId, index, info }: { messageId: string; index: number; info: RemoteAttachmentInfo }) {
  const [loaded, setLoaded] = useState<InlineAttachment | null>(null)
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  if (loaded) return <AttachmentView attachment={loaded} />
  async function download() {
    setState({ busy: true, error: null })
    try {
      setLoaded(await request("attachments:load", messageId, index))
    } catch (error) {
      setState({ busy: false, error: errorMessage(error) })
    }
  }
  return (
    <span className="attachment-remote">
      <span className="attachment-file__name">{info.filename ?? "Attachment"}</span>
      {info.contentLength !== undefined && <span className="attachment-file__size">{formatSize(info.contentLength)}</span>}
      <button type="button" className="button button--small" disabled={state.busy} onClick={() => void download()}>
        {state.busy ? "Downloading…" : "Download"}
      </button>
      {state.error && (
        <span className="attachment-remote__error" role="alert">
          {state.error}
        </span>
      )}
    </span>
  )
}
