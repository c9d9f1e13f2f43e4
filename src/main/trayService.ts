// Keeps the tray menu and the unread badge current for a profile: seeds them from the profile's
// conversations once it has an account, follows the summaries pushed to the window, the window's
// conversations:markRead and the muted list. Electron-free: the menu and badge surfaces are given.
import type { AppSettings } from "../shared/dto/settings"
import type { ConversationDirectory } from "./conversationDirectory"
import type { EventHub } from "./handlers/eventHub"
import type { IpcHandlerRegistry } from "./ipcHandlers"
import { type TrayMenuItem, trayMenuModel } from "./trayMenu"
import type { UnreadBadgeTracker } from "./unreadBadge"
import { UnreadConversations } from "./unreadConversations"

export interface TrayServiceOptions {
  directory: Pick<ConversationDirectory, "conversations" | "title">
  registry: IpcHandlerRegistry
  events: EventHub
  settings: { get(): AppSettings; onChange(listener: (settings: AppSettings) => void): () => void }
  badge: UnreadBadgeTracker
  menu: { setMenu(items: readonly TrayMenuItem[]): void }
  logError?: (message: string, error: unknown) => void
}

export class TrayService {
  readonly #options: TrayServiceOptions
  readonly #unread: UnreadConversations
  readonly #stops: Array<() => void> = []

  constructor(options: TrayServiceOptions) {
    this.#options = options
    this.#unread = new UnreadConversations({
      title: (summary) => options.directory.title(summary),
      onChange: (changed) => {
        options.badge.update(changed)
        this.#showMenu()
      },
      ...(options.logError ? { logError: options.logError } : {}),
    })
    options.badge.setMuted(options.settings.get().mutedConversationIds)
    this.#showMenu()
    this.#stops.push(
      options.events.attach(this.#unread.eventTarget),
      options.settings.onChange((next) => {
        options.badge.setMuted(next.mutedConversationIds)
        this.#showMenu()
      }),
    )
    options.registry
      .onHandled("conversations:markRead", ([conversationId]) => this.#unread.markRead(conversationId))
      // A profile onboarded in this run has conversations to count from then on.
      .onHandled("account:create", () => void this.seed())
      .onHandled("account:import", () => void this.seed())
  }

  /** Counts the profile's stored conversations; before onboarding there are none to count. */
  async seed(): Promise<void> {
    let summaries
    try {
      summaries = await this.#options.directory.conversations()
    } catch (error) {
      if ((error as { code?: unknown }).code !== "NoAccount") (this.#options.logError ?? console.error)("The tray could not list conversations", error)
      return
    }
    for (const summary of summaries) this.#unread.upsert(summary)
    await this.#unread.settled()
  }

  /** Resolves once every change received so far shows. */
  settled(): Promise<void> {
    return this.#unread.settled()
  }

  stop(): void {
    for (const stop of this.#stops) stop()
    this.#unread.close()
  }

  #showMenu(): void {
    this.#options.menu.setMenu(trayMenuModel(this.#unread.all(), this.#options.settings.get().mutedConversationIds))
  }
}
