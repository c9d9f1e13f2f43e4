// Wires a profile's notifications, the same way in Electron main and in the web host: the notifier
// listens to the profile's events, asks the registry about conversations and senders, learns from
// app:reportView what the user is reading and from conversations:markRead what they have read.
// Only the sink and what "activate" does (focus the window, navigate) differ per host.
import type { NavigationTarget } from "../shared/dto/navigation"
import type { AppSettings } from "../shared/dto/settings"
import { ConversationDirectory } from "./conversationDirectory"
import type { EventHub } from "./handlers/eventHub"
import type { IpcHandlerRegistry } from "./ipcHandlers"
import { type NotificationSink, Notifier, type NotifierOptions } from "./notifier"
import { ViewStateTracker } from "./viewState"

export interface ProfileNotificationsOptions {
  registry: IpcHandlerRegistry
  events: EventHub
  settings: { get(): AppSettings }
  sink: NotificationSink
  activate: (target: NavigationTarget) => void
  onSuppressed?: NotifierOptions["onSuppressed"]
  logError?: (message: string, error: unknown) => void
}

export interface ProfileNotifications {
  notifier: Notifier
  view: ViewStateTracker
  directory: ConversationDirectory
  stop(): void
}

export function startProfileNotifications(options: ProfileNotificationsOptions): ProfileNotifications {
  const directory = new ConversationDirectory(options.registry)
  const view = new ViewStateTracker()
  const notifier = new Notifier({
    facts: directory,
    sink: options.sink,
    settings: () => options.settings.get(),
    focusedConversationId: () => view.focusedConversationId(),
    activate: options.activate,
    ...(options.onSuppressed ? { onSuppressed: options.onSuppressed } : {}),
    ...(options.logError ? { logError: options.logError } : {}),
  })
  options.registry
    .register("app:reportView", (state) => {
      view.report(state)
      // Looking at a conversation reads it: its notifications have done their job.
      const reading = view.focusedConversationId()
      if (reading !== null) notifier.conversationRead(reading)
      return null
    })
    .onHandled("conversations:markRead", ([conversationId]) => notifier.conversationRead(conversationId))
  const detach = options.events.attach(notifier.eventTarget)
  return {
    notifier,
    view,
    directory,
    stop: () => {
      detach()
      notifier.close()
    },
  }
}
