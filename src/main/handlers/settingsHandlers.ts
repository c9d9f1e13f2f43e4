// The settings requests, over a profile's SettingsStore, with every change pushed as
// `settings:changed`.
import type { IpcHandlerRegistry } from "../ipcHandlers"
import type { SettingsStore } from "../settingsStore"
import type { EventHub } from "./eventHub"

export function registerSettingsHandlers(registry: IpcHandlerRegistry, settings: SettingsStore, events: EventHub): void {
  settings.onChange((next) => events.emit("settings:changed", next))
  registry
    .register("settings:get", () => settings.get())
    .register("settings:update", (patch) => settings.update(patch))
    .register("settings:setConversationMuted", (conversationId, muted) => settings.setConversationMuted(conversationId, muted))
}
