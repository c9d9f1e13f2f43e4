// The draft requests, over the profile's DraftStore once its account is open.
import type { IpcHandlerRegistry } from "../ipcHandlers"
import type { DraftStore } from "./draftStore"

/** `drafts` rejects with AccountError NoAccount before onboarding, which the renderer receives as such. */
export function registerDraftHandlers(registry: IpcHandlerRegistry, drafts: () => Promise<DraftStore>): void {
  registry
    .register("drafts:get", async () => (await drafts()).all())
    .register("drafts:set", async (conversationId, text) => {
      await (await drafts()).set(conversationId, text)
      return null
    })
}
