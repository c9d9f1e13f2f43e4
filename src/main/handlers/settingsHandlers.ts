// The settings requests, over a profile's SettingsStore, with every change pushed as
// `settings:changed`. A network choice is checked by networkChoice.ts and applies at the next start.
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { networkSettingFor } from "../networkChoice"
import type { SettingsStore } from "../settingsStore"
import type { EventHub } from "./eventHub"

export function registerSettingsHandlers(registry: IpcHandlerRegistry, settings: SettingsStore, events: EventHub): void {
  settings.onChange((next) => events.emit("settings:changed", next))
  registry
    .register("settings:get", () => settings.get())
    .register("settings:update", (patch) => settings.update(patch))
    .register("settings:setConversationMuted", (conversationId, muted) => settings.setConversationMuted(conversationId, muted))
    .register("settings:setNetwork", (choice) => settings.setNetwork(networkSettingFor(choice)))
}
