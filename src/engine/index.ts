// Parley's XMTP client library: the public API, shaped like @xmtp/node-sdk 6.
export { Client, type ClientOptions } from "./client"
export { ClientError, type ClientErrorCode } from "./clientErrors"
export { Conversations, type GroupSyncSummary } from "./conversations"
export { ConversationQueryError, type ConversationListItem, type ConversationQueryErrorCode } from "./groups/conversationListing"
export type { ConversationOverview, RecentMessageCount } from "./groups/conversationOverview"
export { Preferences } from "./preferences"
export type { InboxState, Installation } from "./inboxStates"
export { PreferencesError, type PreferencesErrorCode } from "./preferencesErrors"
export { MessageStream, type StreamAllMessagesOptions } from "./conversationsStream"
export { DeletionStream } from "./deletedMessagesStream"
export { Conversation } from "./groups/conversation"
export { Group } from "./groups/group"
export { Invites, type CreateInviteOptions, type Invite, type JoinRequest, type JoinResult, type OutgoingJoinRequest } from "./invites/invites"
export { InviteError, type InviteErrorCode } from "./invites/inviteErrors"
export { Dm } from "./groups/dm"
export {
  CommitValidationError,
  GroupError,
  MessageProcessingError,
  type CommitValidationErrorCode,
  type GroupErrorCode,
  type MessageProcessingErrorCode,
} from "./groups/errors"
export type { WelcomeFailure, WelcomeSyncResult } from "./groups/welcomes"
export { DeleteMessageError, type DeleteMessageErrorCode } from "./content/enrichmentErrors"
export { summarizeReactions, type ReactionSummary } from "./content/enrichmentReactions"
export * from "./groups/publicTypes"
export { createEoaSigner, type EoaSigner, type Signer } from "./identity/index"
export { StorageError, type StorageErrorCode } from "./storage/errors"
