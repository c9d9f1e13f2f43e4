// Attachments in a message: images are previewed (inline ones at once, remote ones downloaded by
// main when small enough) and every file can be saved. Remote files are described until main has
// downloaded and decrypted them.
import { useEffect, useState } from "react"
import type { InlineAttachment, RemoteAttachmentInfo } from "../../../../shared/dto/messageContent"
import { request } from "../../bridge/api"
import { Icon } from "../../components/Icon"
import { errorMessage } from "../../lib/errors"
import { formatSize, isPreviewableImage, previewsOnArrival } from "./attachmentFiles"
import { saveAttachment, suggestedFileName } from "./saveFile"
import "./attachments.css"

function useObjectUrl(attachment: InlineAttachment): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const created = URL.createObjectURL(new Blob([attachment.data as Uint8Array<ArrayBuffer>], { type: attachment.mimeType }))
    setUrl(created)
    return () => URL.revokeObjectURL(created)
  }, [attachment])
  return url
}

function SaveButton({ attachment, name, overlay }: { attachment: InlineAttachment; name: string; overlay?: boolean }) {
  return (
    <button
      type="button"
      className={overlay ? "attachment-save attachment-save--overlay" : "icon-button icon-button--small attachment-save"}
      aria-label={`Save ${name}`}
      title={`Save ${name}`}
      onClick={() => saveAttachment(attachment)}
    >
      <Icon name="download" size={overlay ? 16 : 15} />
    </button>
  )
}

export function AttachmentView({ attachment }: { attachment: InlineAttachment }) {
  const url = useObjectUrl(attachment)
  const name = suggestedFileName(attachment.filename)
  if (isPreviewableImage(attachment.mimeType)) {
    return (
      <figure className="attachment-image">
        {url ? <img src={url} alt={name} /> : <span className="attachment-image__placeholder" />}
        <figcaption className="attachment-image__caption">
          <span className="attachment-image__name">{name}</span>
          <span>{formatSize(attachment.data.byteLength)}</span>
        </figcaption>
        <SaveButton attachment={attachment} name={name} overlay />
      </figure>
    )
  }
  return (
    <span className="attachment-file">
      <span className="attachment-file__icon">
        <Icon name="file" size={18} />
      </span>
      <span className="attachment-file__text">
        <span className="attachment-file__name">{name}</span>
        <span className="attachment-file__size">{formatSize(attachment.data.byteLength)}</span>
      </span>
      <SaveButton attachment={attachment} name={name} />
    </span>
  )
}

type RemoteState = { status: "idle" } | { status: "loading" } | { status: "loaded"; attachment: InlineAttachment } | { status: "failed"; error: string }

export function RemoteAttachmentView({ messageId, index, info }: { messageId: string; index: number; info: RemoteAttachmentInfo }) {
  const [state, setState] = useState<RemoteState>({ status: "idle" })
  const preview = previewsOnArrival(info)

  async function download() {
    setState({ status: "loading" })
    try {
      setState({ status: "loaded", attachment: await request("attachments:load", messageId, index) })
    } catch (error) {
      setState({ status: "failed", error: errorMessage(error) })
    }
  }

  useEffect(() => {
    // Previews load once per message and position; other files wait for the user's click.
    if (preview) void download()
  }, [messageId, index, preview])

  if (state.status === "loaded") return <AttachmentView attachment={state.attachment} />
  const name = suggestedFileName(info.filename)
  return (
    <span className="attachment-file attachment-file--remote">
      <span className="attachment-file__icon">{state.status === "loading" ? <span className="spinner" role="progressbar" aria-label={`Downloading ${name}`} /> : <Icon name="file" size={18} />}</span>
      <span className="attachment-file__text">
        <span className="attachment-file__name">{name}</span>
        <span className="attachment-file__size">
          {state.status === "loading" ? "Downloading and decrypting…" : info.contentLength !== undefined ? formatSize(info.contentLength) : "Encrypted file"}
        </span>
        {state.status === "failed" && (
          <span className="attachment-file__error" role="alert">
            {state.error}
          </span>
        )}
      </span>
      {state.status !== "loading" && (
        <button type="button" className="button button--small" onClick={() => void download()}>
          {state.status === "failed" ? "Try again" : "Download"}
        </button>
      )}
    </span>
  )
}
