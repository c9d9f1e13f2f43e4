// What closing, quitting and reopening the main window do, per platform, decided without Electron
// (index.ts and mainWindow.ts only carry the decisions out). On Windows and Linux a messenger lives
// on in the tray when its window is closed, so messages keep arriving and notifying; only Quit (the
// tray's or the app menu's) ends it. macOS keeps its own convention: closing the window leaves the
// app in the dock, and clicking the dock icon opens a new window.

export type CloseDecision =
  /** Keep the window (cancel the close) and hide it: the app stays in the tray. */
  | "hide"
  /** Let the window close. */
  | "close"

export type AllClosedDecision = "quit" | "stay"

export type ShowDecision =
  /** Bring the existing window forward. */
  | "show"
  /** There is no window any more (macOS after a close): open a new one. */
  | "create"
  /** The app is quitting: open nothing. */
  | "none"

export interface WindowLifecycleOptions {
  platform: NodeJS.Platform
  /** Whether a tray icon exists now, from which the user can bring a hidden window back. */
  hasTray: () => boolean
}

export class WindowLifecycle {
  #quitting = false

  constructor(private readonly options: WindowLifecycleOptions) {}

  /** The app is quitting (Quit in a menu, Cmd+Q, the OS ending the session): windows close for real from now on. */
  quitRequested(): void {
    this.#quitting = true
  }

  get quitting(): boolean {
    return this.#quitting
  }

  /**
   * The user closed the main window (its close button, Alt+F4, Ctrl+W). Without a tray a hidden
   * window could never be found again, so it closes.
   */
  closeRequested(): CloseDecision {
    if (this.#quitting || this.options.platform === "darwin") return "close"
    return this.options.hasTray() ? "hide" : "close"
  }

  /** Every window has closed: macOS apps stay in the dock until they are quit. */
  allWindowsClosed(): AllClosedDecision {
    return this.options.platform === "darwin" && !this.#quitting ? "stay" : "quit"
  }

  /** Something asks for the window (the tray, a clicked notification, the dock icon, a second launch). */
  showRequested(hasWindow: boolean): ShowDecision {
    if (this.#quitting) return "none"
    return hasWindow ? "show" : "create"
  }
}
