// The conversation's messages in a windowed list: only the rows near the viewport are in the DOM,
// so a long history stays fast. It opens at the newest message and follows new ones while the
// reader is at the bottom.
import { useVirtualizer } from "@tanstack/react-virtual"
import { useEffect, useLayoutEffect, useMemo, useRef } from "react"
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import { EmptyState } from "../../components/EmptyState"
import { loadMessages } from "../../store/actions"
import { useParley } from "../../store/store"
import { messageRows, sortMessages } from "./messageRows"
import { MessageRowView } from "./MessageRowView"
import { isExpired, useExpiryClock } from "./useExpiryClock"
import "./MessageList.css"

const NEAR_BOTTOM_PX = 120

export function MessageList({ conversation }: { conversation: ConversationSummary }) {
  const byId = useParley((state) => state.messages[conversation.id])
  const load = useParley((state) => state.messagesLoad[conversation.id])
  const now = useExpiryClock(byId)
  const rows = useMemo(() => messageRows(sortMessages(byId).filter((message) => !isExpired(message, now))), [byId, now])
  const scroller = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === "message" ? 60 : 40),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
  })

  const lastKey = rows.at(-1)?.key
  useLayoutEffect(() => {
    if (rows.length > 0 && atBottom.current) virtualizer.scrollToIndex(rows.length - 1, { align: "end" })
  }, [lastKey, rows.length, virtualizer])

  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX
    }
    element.addEventListener("scroll", onScroll, { passive: true })
    return () => element.removeEventListener("scroll", onScroll)
  }, [])

  if (rows.length === 0) {
    return (
      <div className="message-list message-list--empty">
        {load?.status === "failed" ? (
          <EmptyState icon="alert" title="Messages could not be loaded">
            <p role="alert">{load.message}</p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => void loadMessages(conversation.id)}>
                Try again
              </button>
            </div>
          </EmptyState>
        ) : load?.status === "loading" ? (
          <div className="message-list__status" role="status">
            <span className="spinner" /> Loading messages…
          </div>
        ) : (
          <EmptyState icon="lock" title="No messages yet">
            Messages here are end-to-end encrypted. Say hello!
          </EmptyState>
        )}
      </div>
    )
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div ref={scroller} className="message-list" role="log" aria-label="Messages" aria-live="polite">
      <div className="message-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]
          if (!row) return null
          return (
            <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="message-list__row" style={{ transform: `translateY(${item.start}px)` }}>
              <MessageRowView row={row} conversation={conversation} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
