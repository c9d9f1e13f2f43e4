// Electron's native notifications as the notifier's sink. One notification per conversation stays
// on screen (a newer one replaces it), and each is referenced until it closes: a Notification that
// is garbage-collected loses its click handler.
import { Notification } from "electron"
import type { NotificationSink, PostedNotification } from "./notifier"

export class ElectronNotificationSink implements NotificationSink {
  readonly #shown = new Map<string, Notification>()

  constructor(private readonly iconPath: string) {}

  post(notification: PostedNotification, activate: () => void): void {
    if (!Notification.isSupported()) return
    this.withdraw(notification.conversationId)
    const shown = new Notification({ title: notification.title, body: notification.body, icon: this.iconPath })
    shown.on("click", () => {
      this.#forget(notification.conversationId, shown)
      activate()
    })
    shown.on("close", () => this.#forget(notification.conversationId, shown))
    this.#shown.set(notification.conversationId, shown)
    shown.show()
  }

  withdraw(conversationId: string): void {
    const shown = this.#shown.get(conversationId)
    if (!shown) return
    this.#shown.delete(conversationId)
    shown.close()
  }

  #forget(conversationId: string, shown: Notification): void {
    if (this.#shown.get(conversationId) === shown) this.#shown.delete(conversationId)
  }
}
