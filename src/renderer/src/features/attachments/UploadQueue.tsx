// The composer's view of files on their way out: the one sending with a progress bar and its place
// in the run, and failures with the reason until dismissed.
import { useShallow } from "zustand/react/shallow"
import type { ConversationId } from "../../../../shared/dto/identifiers"
import { Icon } from "../../components/Icon"
import { formatSize } from "./attachmentFiles"
import { dismissUpload, uploadProgress, useUploads } from "./uploads"
import "./attachments.css"

export function UploadQueue({ conversationId }: { conversationId: ConversationId }) {
  const uploads = useUploads(useShallow((state) => state.uploads.filter((upload) => upload.conversationId === conversationId)))
  if (uploads.length === 0) return null
  const { active, position, total } = uploadProgress(uploads)
  const failed = uploads.filter((upload) => upload.state === "failed")
  return (
    <ul className="uploads" aria-label="Attachments being sent">
      {active && (
        <li className="upload">
          <Icon name="upload" size={18} />
          <span className="upload__text">
            <span className="upload__line">
              <span className="upload__name">{active.filename}</span>
              <span className="upload__detail">
                {formatSize(active.size)}
                {total > 1 ? ` · ${position} of ${total}` : ""}
              </span>
            </span>
            <span className="upload__bar" role="progressbar" aria-label={`Sending ${active.filename}${total > 1 ? `, ${position} of ${total}` : ""}`} />
          </span>
        </li>
      )}
      {failed.map((upload) => (
        <li key={upload.id} className="upload upload--failed" role="alert">
          <Icon name="alert" size={18} />
          <span className="upload__text">
            <span className="upload__line">
              <span className="upload__name">Not sent: {upload.filename}</span>
            </span>
            <span className="upload__detail">{upload.error}</span>
          </span>
          <button type="button" className="icon-button icon-button--small" aria-label={`Dismiss ${upload.filename}`} onClick={() => dismissUpload(upload.id)}>
            <Icon name="close" size={14} />
          </button>
        </li>
      ))}
    </ul>
  )
}
