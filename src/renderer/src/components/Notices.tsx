// Transient messages for failures nobody's form is waiting on (a live update, a background load).
import { useEffect } from "react"
import { dismissNotice, useParley } from "../store/store"
import { Icon } from "./Icon"
import "./Notices.css"

const NOTICE_MS = 8000

export function Notices() {
  const notices = useParley((state) => state.notices)
  useEffect(() => {
    const timers = notices.map((notice) => setTimeout(() => dismissNotice(notice.id), NOTICE_MS))
    return () => timers.forEach(clearTimeout)
  }, [notices])
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          <Icon name={notice.tone === "error" ? "alert" : "info"} size={18} />
          <span>{notice.text}</span>
          <button type="button" className="icon-button icon-button--small" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  )
}
