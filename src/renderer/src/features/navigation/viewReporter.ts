// Tells main which conversation is on screen and whether the window has the focus, so a message in
// the conversation the user is reading does not also pop up a notification.
import type { ViewState } from "../../../../shared/dto/app"
import { request } from "../../bridge/api"
import { useParley } from "../../store/store"

function currentView(): ViewState {
  return { conversationId: useParley.getState().selectedId, focused: document.hasFocus() && document.visibilityState === "visible" }
}

/** Reports now and on every change; returns the function that stops reporting. */
export function startViewReporting(): () => void {
  let last = ""
  const report = () => {
    const view = currentView()
    const key = JSON.stringify(view)
    if (key === last) return
    last = key
    // A build whose main does not take reports yet simply notifies more often.
    request("app:reportView", view).catch(() => (last = ""))
  }
  const unsubscribe = useParley.subscribe((state, previous) => {
    if (state.selectedId !== previous.selectedId) report()
  })
  window.addEventListener("focus", report)
  window.addEventListener("blur", report)
  document.addEventListener("visibilitychange", report)
  report()
  return () => {
    unsubscribe()
    window.removeEventListener("focus", report)
    window.removeEventListener("blur", report)
    document.removeEventListener("visibilitychange", report)
  }
}
