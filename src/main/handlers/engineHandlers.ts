// The contract requests the engine serves. A request not registered here is answered NotAvailable
// by the registry.
import type { IpcHandlerRegistry } from "../ipcHandlers"
import type { AccountService } from "./accountService"
import type { EngineService } from "./engineService"
import type { GroupAdminService } from "./groupAdminService"
import type { MessageActions } from "./messageActions"

export function registerAccountHandlers(registry: IpcHandlerRegistry, account: AccountService): void {
  registry
    .register("account:get", () => account.account())
    .register("account:create", () => account.create())
    .register("account:import", (keyText) => account.import(keyText))
}

export interface EngineServices {
  engine: () => EngineService
  messages: () => MessageActions
  groups: () => GroupAdminService
}

/** Each service getter throws AccountError NoAccount before onboarding, which the renderer receives as such. */
export function registerEngineHandlers(registry: IpcHandlerRegistry, { engine, messages, groups }: EngineServices): void {
  registry
    .register("conversations:list", (query) => engine().listConversations(query))
    .register("conversations:get", (id) => engine().getConversation(id))
    .register("conversations:createDm", (target) => engine().createDm(target))
    .register("conversations:createGroup", (request) => engine().createGroup(request))
    .register("conversations:setConsent", (id, state) => engine().setConsent(id, state))
    .register("conversations:markRead", async (id) => {
      await engine().markRead(id)
      return null
    })
    .register("messages:list", (id, query) => engine().listMessages(id, query))
    .register("messages:sendText", (id, text) => engine().sendText(id, text))
    .register("messages:sendReply", (id, messageId, text) => messages().sendReply(id, messageId, text))
    .register("messages:react", (id, messageId, reaction) => messages().react(id, messageId, reaction))
    .register("messages:sendAttachment", (id, attachment) => messages().sendAttachment(id, attachment))
    .register("messages:delete", async (id, messageId) => {
      await messages().delete(id, messageId)
      return null
    })
    .register("attachments:load", (messageId, index) => messages().loadAttachment(messageId, index))
    .register("inboxes:lookup", (address) => engine().lookupInbox(address))
    .register("members:list", (id) => engine().listMembers(id))
    .register("members:add", (id, inboxIds) => engine().addMembers(id, inboxIds))
    .register("members:remove", (id, inboxIds) => engine().removeMembers(id, inboxIds))
    .register("members:setRole", (id, inboxId, role) => groups().setRole(id, inboxId, role))
    .register("groups:updateMetadata", (id, patch) => groups().updateMetadata(id, patch))
    .register("groups:getPermissions", (id) => groups().permissions(id))
    .register("groups:updatePermission", (id, update) => groups().updatePermission(id, update))
    .register("conversations:getDisappearing", (id) => groups().disappearing(id))
    .register("conversations:setDisappearing", (id, choice) => groups().setDisappearing(id, choice))
    .register("groups:leave", async (id) => {
      await groups().leave(id)
      return null
    })
}
