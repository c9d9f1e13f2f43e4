// The IPC contract between renderer and main: every request's name with its argument and result
// schemas, and every event main pushes with its payload schema. Main validates arguments, results
// and events against it; the preload exposes exactly these requests; the renderer is typed by it.
// One source of truth for all three. The DTOs live in ./dto, one file per feature.
import { z } from "zod"
import { accountKeyExportRequestSchema, accountKeyTextSchema, accountSchema, exportedAccountKeySchema } from "./dto/account"
import { appInfoSchema, profileNameSchema, profileOpeningSchema, viewStateSchema } from "./dto/app"
import { consentStateSchema } from "./dto/consent"
import { devicesSchema, revokeDevicesRequestSchema } from "./dto/devices"
import { draftsSchema, draftTextSchema } from "./dto/drafts"
import { lastReadTimesSchema } from "./dto/readReceipts"
import {
  conversationListQuerySchema,
  conversationSummarySchema,
  createGroupRequestSchema,
  disappearingSettingsSchema,
  dmTargetSchema,
  groupMetadataPatchSchema,
} from "./dto/conversation"
import { disappearingChoiceSchema } from "./dto/disappearing"
import { MAX_GROUP_SIZE } from "./dto/groupLimits"
import { conversationIdSchema, ethereumAddressSchema, inboxIdSchema, messageIdSchema } from "./dto/identifiers"
import { memberRoleSchema, memberSchema } from "./dto/member"
import { messageSchema } from "./dto/message"
import { inlineAttachmentSchema } from "./dto/messageContent"
import { messageListQuerySchema, messageTextSchema, outgoingAttachmentSchema, reactionInputSchema } from "./dto/messageRequests"
import { inviteIdSchema, inviteOpenResultSchema, inviteOptionsSchema, inviteSchema, inviteTokenSchema, joinDecisionSchema, joinNoteSchema, joinRequestSchema } from "./dto/invites"
import { navigationTargetSchema } from "./dto/navigation"
import { groupPermissionsSchema, permissionUpdateSchema } from "./dto/permissions"
import { appSettingsPatchSchema, appSettingsSchema, networkChoiceSchema } from "./dto/settings"
import { type EventChannel, EVENT_NAMES, type RequestChannel, REQUEST_NAMES } from "./channels"
import { IpcValidationError } from "./ipcErrors"

export { accountSchema, type Account, type ReadyAccount } from "./dto/account"
export { appInfoSchema, type AppInfo } from "./dto/app"
export { IpcValidationError, type IpcValidationErrorCode } from "./ipcErrors"

const none = z.tuple([])
const inboxIdBatch = z.array(inboxIdSchema).min(1).max(MAX_GROUP_SIZE)

export const contract = {
  "app:getInfo": { args: none, result: appInfoSchema },
  "app:listProfiles": { args: none, result: z.array(profileNameSchema) },
  /** What the window shows and whether the user is looking at it: a conversation on screen does not notify. */
  "app:reportView": { args: z.tuple([viewStateSchema]), result: z.null() },
  /** Opens another profile, creating it when new: the desktop app restarts into it, the web host answers its page. */
  "app:openProfile": { args: z.tuple([profileNameSchema]), result: profileOpeningSchema },
  /** Restarts the desktop app in the same profile (a network change applies then); the web host does not serve it. */
  "app:restart": { args: none, result: z.null() },

  /** The profile's account, or `none` before onboarding. */
  "account:get": { args: none, result: accountSchema },
  /** Creates the profile's account key in main's key store and registers its XMTP identity. */
  "account:create": { args: none, result: accountSchema },
  /** Makes a key the user typed the profile's account key (only while the profile has no account) and registers it. */
  "account:import": { args: z.tuple([accountKeyTextSchema]), result: accountSchema },
  /** The account's private key as 0x hex, for a backup, once the user confirmed the risk; served by main from its key store. */
  "account:exportKey": { args: z.tuple([accountKeyExportRequestSchema]), result: exportedAccountKeySchema },
  /** The account's installations, read from the network (each device that signed in with the account key). */
  "account:devices": { args: none, result: devicesSchema },
  /** Revokes other devices of the account (never this one); answers the devices left. */
  "account:revokeDevices": { args: z.tuple([revokeDevicesRequestSchema]), result: devicesSchema },

  "settings:get": { args: none, result: appSettingsSchema },
  "settings:update": { args: z.tuple([appSettingsPatchSchema]), result: appSettingsSchema },
  "settings:setConversationMuted": { args: z.tuple([conversationIdSchema, z.boolean()]), result: appSettingsSchema },
  /** Chooses the embedded node or a remote one (an http(s) URL) for the profile's next start. */
  "settings:setNetwork": { args: z.tuple([networkChoiceSchema]), result: appSettingsSchema },

  "conversations:list": { args: z.tuple([conversationListQuerySchema]), result: z.array(conversationSummarySchema) },
  "conversations:get": { args: z.tuple([conversationIdSchema]), result: conversationSummarySchema },
  "conversations:createDm": { args: z.tuple([dmTargetSchema]), result: conversationSummarySchema },
  "conversations:createGroup": { args: z.tuple([createGroupRequestSchema]), result: conversationSummarySchema },
  "conversations:setConsent": { args: z.tuple([conversationIdSchema, consentStateSchema]), result: conversationSummarySchema },
  "conversations:markRead": { args: z.tuple([conversationIdSchema]), result: z.null() },
  /** Per other member's inbox, when it last sent a read receipt in the conversation; new ones arrive as `messages:upserted`. */
  "conversations:readReceipts": { args: z.tuple([conversationIdSchema]), result: lastReadTimesSchema },
  /** The conversation's disappearing-message setting while it is on, null while it is off. */
  "conversations:getDisappearing": { args: z.tuple([conversationIdSchema]), result: disappearingSettingsSchema.nullable() },
  /** Turns disappearing messages off or on for everyone in the conversation (groups: as its policy allows). */
  "conversations:setDisappearing": { args: z.tuple([conversationIdSchema, disappearingChoiceSchema]), result: conversationSummarySchema },

  /** Every conversation's unsent draft (kept encrypted by main across restarts). */
  "drafts:get": { args: none, result: draftsSchema },
  /** Keeps a conversation's draft; the empty text deletes it. */
  "drafts:set": { args: z.tuple([conversationIdSchema, draftTextSchema]), result: z.null() },

  "messages:list": { args: z.tuple([conversationIdSchema, messageListQuerySchema]), result: z.array(messageSchema) },
  "messages:sendText": { args: z.tuple([conversationIdSchema, messageTextSchema]), result: messageSchema },
  "messages:sendReply": { args: z.tuple([conversationIdSchema, messageIdSchema, messageTextSchema]), result: messageSchema },
  /** Adds or removes the user's reaction; returns the reacted-to message with its reactions. */
  "messages:react": { args: z.tuple([conversationIdSchema, messageIdSchema, reactionInputSchema]), result: messageSchema },
  "messages:sendAttachment": { args: z.tuple([conversationIdSchema, outgoingAttachmentSchema]), result: messageSchema },
  "messages:delete": { args: z.tuple([conversationIdSchema, messageIdSchema]), result: z.null() },
  /** Downloads and decrypts attachment `index` of a remote or multi-remote attachment message. */
  "attachments:load": { args: z.tuple([messageIdSchema, z.number().int().nonnegative()]), result: inlineAttachmentSchema },

  /** The inbox an Ethereum account belongs to, or null when it has none (it never used XMTP). */
  "inboxes:lookup": { args: z.tuple([ethereumAddressSchema]), result: inboxIdSchema.nullable() },
  "members:list": { args: z.tuple([conversationIdSchema]), result: z.array(memberSchema) },
  "members:add": { args: z.tuple([conversationIdSchema, inboxIdBatch]), result: z.array(memberSchema) },
  "members:remove": { args: z.tuple([conversationIdSchema, inboxIdBatch]), result: z.array(memberSchema) },
  "members:setRole": { args: z.tuple([conversationIdSchema, inboxIdSchema, memberRoleSchema]), result: memberSchema },

  "groups:updateMetadata": { args: z.tuple([conversationIdSchema, groupMetadataPatchSchema]), result: conversationSummarySchema },
  "groups:getPermissions": { args: z.tuple([conversationIdSchema]), result: groupPermissionsSchema },
  "groups:updatePermission": { args: z.tuple([conversationIdSchema, permissionUpdateSchema]), result: groupPermissionsSchema },
  "groups:leave": { args: z.tuple([conversationIdSchema]), result: z.null() },

  /** A new invite link to the group (only for members the add-member policy lets add people). */
  "invites:create": { args: z.tuple([conversationIdSchema, inviteOptionsSchema]), result: inviteSchema },
  /** The group's links this installation handed out and did not revoke. */
  "invites:list": { args: z.tuple([conversationIdSchema]), result: z.array(inviteSchema) },
  "invites:revoke": { args: z.tuple([inviteIdSchema]), result: z.null() },
  /** Opens a link: asks the inviter to add you, or says you are in already. */
  "invites:open": { args: z.tuple([inviteTokenSchema, joinNoteSchema.nullable()]), result: inviteOpenResultSchema },
  /** Join requests for the group's links: those waiting for a decision first, then the decided ones. */
  "invites:requests": { args: z.tuple([conversationIdSchema]), result: z.array(joinRequestSchema) },
  "invites:decide": { args: z.tuple([messageIdSchema, joinDecisionSchema]), result: z.null() },
} as const satisfies Record<RequestChannel, { args: z.ZodType<unknown[]>; result: z.ZodType }>

/** What main pushes to the renderer, unasked. */
export const events = {
  /** A conversation appeared or changed (metadata, consent, last message, unread count). */
  "conversations:upserted": conversationSummarySchema,
  /** A message arrived or changed (reactions, replies, delivery, deletion). */
  "messages:upserted": messageSchema,
  /** A message is gone from this installation (a disappearing message expired): drop it from view. */
  "messages:removed": z.strictObject({ conversationId: conversationIdSchema, messageId: messageIdSchema }),
  "members:changed": z.strictObject({ conversationId: conversationIdSchema, members: z.array(memberSchema) }),
  "settings:changed": appSettingsSchema,
  /** Invite links or join requests of a group changed (a request arrived or was decided). */
  "invites:changed": z.strictObject({ conversationId: conversationIdSchema.nullable() }),
  /** Open a view: from a deep link or a clicked notification. */
  "navigation:open": navigationTargetSchema,
} as const satisfies Record<EventChannel, z.ZodType>

export type Contract = typeof contract
export type RequestName = keyof Contract
export type RequestArgs<N extends RequestName> = z.infer<Contract[N]["args"]>
export type RequestResult<N extends RequestName> = z.infer<Contract[N]["result"]>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.infer<Events[E]>

/** The API the preload exposes on `window.parley`. */
export type ParleyApi = {
  [N in RequestName]: (...args: RequestArgs<N>) => Promise<RequestResult<N>>
}

/** Subscribing to main's events; returns the unsubscribe function. */
export type ParleyEventApi = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void

export const requestNames: readonly RequestName[] = REQUEST_NAMES
export const eventNames: readonly EventName[] = EVENT_NAMES

/** Validates a request's arguments; throws IpcValidationError for unknown names or bad shapes. */
export function parseRequest<N extends RequestName>(name: string, args: unknown): RequestArgs<N> {
  if (!isRequestName(name)) throw new IpcValidationError(name, "unknown request", "UnknownRequest")
  const parsed = contract[name as N].args.safeParse(args)
  if (!parsed.success) throw new IpcValidationError(name, z.prettifyError(parsed.error), "InvalidArguments")
  return parsed.data as RequestArgs<N>
}

/** Validates a handler's result before it is sent; throws IpcValidationError when it does not match. */
export function parseResult<N extends RequestName>(name: N, result: unknown): RequestResult<N> {
  const parsed = contract[name].result.safeParse(result)
  if (!parsed.success) throw new IpcValidationError(name, z.prettifyError(parsed.error), "InvalidResult")
  return parsed.data as RequestResult<N>
}

/** Validates an event's payload before it is sent; throws IpcValidationError for unknown names or bad shapes. */
export function parseEvent<E extends EventName>(name: string, payload: unknown): EventPayload<E> {
  if (!isEventName(name)) throw new IpcValidationError(name, "unknown event", "UnknownEvent")
  const parsed = events[name as E].safeParse(payload)
  if (!parsed.success) throw new IpcValidationError(name, z.prettifyError(parsed.error), "InvalidEvent")
  return parsed.data as EventPayload<E>
}

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(contract, name)
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}
