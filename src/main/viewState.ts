// What the profile's window last reported it shows (app:reportView). A window reports when its
// selection, focus or visibility changes, so the latest report is the current one: when focus
// moves between two windows of a profile, the blur report comes before the focus report.
import type { ViewState } from "../shared/dto/app"

export class ViewStateTracker {
  #state: ViewState = { conversationId: null, focused: false }

  report(state: ViewState): void {
    this.#state = state
  }

  /** The window closed: nothing is on screen. */
  reset(): void {
    this.#state = { conversationId: null, focused: false }
  }

  /** The conversation on screen in a focused window, or null. */
  focusedConversationId(): string | null {
    return this.#state.focused ? this.#state.conversationId : null
  }
}
