// The IPC channel names alone, free of zod and the DTOs: the sandboxed preload can import this
// without bundling the schemas. contract.ts checks that its requests and events are exactly these.

export const REQUEST_NAMES = [
  "app:getInfo",
  "app:listProfiles",
  "app:reportView",
  "account:get",
  "account:create",
  "account:import",
  "settings:get",
  "settings:update",
  "settings:setConversationMuted",
  "conversations:list",
  "conversations:get",
  "conversations:createDm",
  "conversations:createGroup",
  "conversations:setConsent",
  "conversations:markRead",
  "conversations:readReceipts",
  "conversations:getDisappearing",
  "conversations:setDisappearing",
  "drafts:get",
  "drafts:set",
  "messages:list",
  "messages:sendText",
  "messages:sendReply",
  "messages:react",
  "messages:sendAttachment",
  "messages:delete",
  "attachments:load",
  "inboxes:lookup",
  "members:list",
  "members:add",
  "members:remove",
  "members:setRole",
  "groups:updateMetadata",
  "groups:getPermissions",
  "groups:updatePermission",
  "groups:leave",
  "invites:create",
  "invites:list",
  "invites:revoke",
  "invites:open",
  "invites:requests",
  "invites:decide",
] as const

export const EVENT_NAMES = ["conversations:upserted", "messages:upserted", "messages:removed", "members:changed", "settings:changed", "invites:changed", "navigation:open"] as const

export type RequestChannel = (typeof REQUEST_NAMES)[number]
export type EventChannel = (typeof EVENT_NAMES)[number]
